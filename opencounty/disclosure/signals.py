"""Give published government information its index number (索引号)."""

from django.dispatch import receiver
from wagtail.signals import page_published

from opencounty.disclosure.index_numbers import assign_index_number


@receiver(page_published)
def number_published_information(sender, instance, revision, **kwargs) -> None:
    assign_index_number(instance)
