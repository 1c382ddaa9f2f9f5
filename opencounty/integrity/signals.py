from django.dispatch import receiver
from wagtail.signals import page_published

from opencounty.integrity import actions


@receiver(page_published)
def fingerprint_published_page(sender, instance, revision, **kwargs) -> None:
    actions.record_fingerprint(instance, revision)
