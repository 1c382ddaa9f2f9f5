"""Public pages show the windows: a change to one retires the cached pages."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from opencounty.portal.cache import invalidate_pages
from opencounty.services.models import ServiceWindow


@receiver(post_save, sender=ServiceWindow)
@receiver(post_delete, sender=ServiceWindow)
@receiver(m2m_changed, sender=ServiceWindow.departments.through)
@receiver(m2m_changed, sender=ServiceWindow.staff.through)
def retire_cached_pages(sender, **kwargs) -> None:
    transaction.on_commit(invalidate_pages)
