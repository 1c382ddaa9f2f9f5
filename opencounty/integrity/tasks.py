"""The page check as a background task, for a scheduler that enqueues django-tasks."""

from django_tasks import task

from opencounty.integrity.actions import check_pages


@task()
def check_pages_task() -> int:
    """Returns how many pages were found changed (and restored where possible)."""
    return len(check_pages().incidents)
