"""Counting the answers of a survey: per question, the count and share of every option."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from opencounty.interaction.models.surveys import (
    MULTIPLE,
    RATING,
    RATING_CHOICES,
    SINGLE,
    TEXT,
    SurveyPage,
    SurveyQuestion,
)


@dataclass
class OptionCount:
    label: str
    count: int
    percent: float  # of the people who answered the question


@dataclass
class QuestionResult:
    number: int
    label: str
    kind: str
    answered: int  # how many answer sheets answered this question
    options: list[OptionCount] = field(default_factory=list)
    average: float | None = None  # ratings only
    texts: list[str] = field(default_factory=list)  # free text only; for staff

    @property
    def is_text(self) -> bool:
        return self.kind == TEXT

    @property
    def is_multiple(self) -> bool:
        return self.kind == MULTIPLE


@dataclass
class SurveyResults:
    total: int  # answer sheets
    questions: list[QuestionResult]


def _percent(count: int, answered: int) -> float:
    return round(count * 100 / answered, 1) if answered else 0.0


def _values(question: SurveyQuestion, raw) -> list:
    """The answer to one question as a list of values (empty when not answered)."""
    if raw in (None, "", []):
        return []
    if question.field_type == MULTIPLE:
        return list(raw) if isinstance(raw, list) else [raw]
    return [raw]


def _option_labels(question: SurveyQuestion) -> list[tuple[object, str]]:
    if question.field_type == RATING:
        return [(value, str(label)) for value, label in RATING_CHOICES]
    return [(choice, choice) for choice in question.choice_list()]


def _tally_question(number: int, question: SurveyQuestion, sheets: list[dict]) -> QuestionResult:
    answers = [_values(question, sheet.get(question.clean_name)) for sheet in sheets]
    answers = [values for values in answers if values]
    result = QuestionResult(number, question.label, question.field_type, len(answers))
    if question.field_type == TEXT:
        result.texts = [str(values[0]) for values in answers]
        return result
    counts = Counter(value for values in answers for value in values)
    known = _option_labels(question)
    # Options removed after people answered still count, after the current ones.
    removed = [(value, str(value)) for value in counts if value not in {v for v, _ in known}]
    for value, label in known + removed:
        result.options.append(
            OptionCount(label, counts[value], _percent(counts[value], result.answered))
        )
    if question.field_type == RATING and answers:
        scores = [int(values[0]) for values in answers]
        result.average = round(sum(scores) / len(scores), 2)
    return result


def tally(page: SurveyPage) -> SurveyResults:
    sheets = list(page.get_submissions().values_list("form_data", flat=True))
    questions = [
        _tally_question(number, question, sheets)
        for number, question in enumerate(page.questions(), start=1)
        if question.field_type in (SINGLE, MULTIPLE, RATING, TEXT)
    ]
    return SurveyResults(total=len(sheets), questions=questions)
