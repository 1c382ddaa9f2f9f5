"""What happens when the last review step approves (WAGTAIL_FINISH_WORKFLOW_ACTION).

Kept free of model imports: Wagtail imports it while its own models load.
"""


def publish_approved(workflow_state, user=None) -> None:
    """Publish the approved revision.

    Reviewers hold no publish permission of their own, so nobody can publish
    around the workflow; each step's approver was checked when they acted, and
    the completed workflow is the authority to publish.
    """
    from opencounty.portal.review import publication_blockers

    revision = workflow_state.content_object.get_latest_revision()
    blockers = publication_blockers(revision.as_object())
    if blockers:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("；".join(blockers))
    revision.publish(user=user, skip_permission_checks=True)
