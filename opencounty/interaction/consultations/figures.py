"""The figures of the feedback summary, always computed from the decisions on the comments."""

from __future__ import annotations

from dataclasses import dataclass, field

from opencounty.interaction.models import ConsultationComment, ConsultationPage

State = ConsultationComment.State
Adoption = ConsultationComment.Adoption


@dataclass
class FeedbackFigures:
    received: int = 0
    published: int = 0
    rejected: int = 0
    pending: int = 0
    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    undecided: int = 0
    decisions: list[ConsultationComment] = field(default_factory=list)

    @property
    def ready_to_publish(self) -> bool:
        return self.pending == 0 and self.undecided == 0


def feedback_figures(page: ConsultationPage) -> FeedbackFigures:
    figures = FeedbackFigures()
    comments = ConsultationComment.objects.filter(page=page).select_related("section")
    for comment in comments:
        figures.received += 1
        if comment.state == State.PENDING:
            figures.pending += 1
        elif comment.state == State.REJECTED:
            figures.rejected += 1
        else:
            figures.published += 1
            _count_decision(figures, comment)
    return figures


def _count_decision(figures: FeedbackFigures, comment: ConsultationComment) -> None:
    if comment.adoption == Adoption.ADOPTED:
        figures.adopted += 1
    elif comment.adoption == Adoption.PARTLY:
        figures.partly += 1
    elif comment.adoption == Adoption.NOT_ADOPTED:
        figures.not_adopted += 1
    else:
        figures.undecided += 1
        return
    figures.decisions.append(comment)
