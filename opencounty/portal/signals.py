"""Keep publication records and the page cache in step with publishing."""

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import page_published, page_unpublished, post_page_move

from opencounty.portal.cache import invalidate_pages


@receiver(page_published)
def record_publication(sender, instance, revision, **kwargs) -> None:
    from opencounty.portal.models import PublicationRecord

    if revision is None:
        return
    state = (
        WorkflowState.objects.for_instance(instance)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    provided_by = reviewed_by = published_by = revision.user
    if state is not None:
        approvals = list(
            state.task_states.filter(status=TaskState.STATUS_APPROVED)
            .select_related("finished_by")
            .order_by("finished_at", "id")
        )
        provided_by = state.requested_by or revision.user
        if approvals:
            reviewed_by = approvals[0].finished_by
            published_by = approvals[-1].finished_by
    PublicationRecord.objects.update_or_create(
        revision=revision,
        defaults={
            "page": instance,
            "provided_by": provided_by,
            "reviewed_by": reviewed_by,
            "published_by": published_by,
            "published_at": instance.last_published_at or timezone.now(),
        },
    )
    transaction.on_commit(invalidate_pages)


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs) -> None:
    transaction.on_commit(invalidate_pages)


@receiver(post_page_move)
def _moved(sender, instance, **kwargs) -> None:
    transaction.on_commit(invalidate_pages)
