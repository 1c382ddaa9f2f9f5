"""Satisfaction across kinds: each kind rates on its own scale; supervision counts the share of
ratings at or above the kind's "satisfied" mark.

Letters store 3 (满意), 2 (基本满意) and 1 (不满意): only 3 counts as satisfied. A kind
without a registered scale is left out of the satisfaction figure rather than guessed.
"""

from __future__ import annotations

_satisfied_at_least: dict[str, int] = {}


def register_rating_scale(kind_code: str, *, satisfied_at_least: int) -> None:
    """Declare the lowest Case.rating of a kind that counts as satisfied."""
    _satisfied_at_least[kind_code] = satisfied_at_least


def is_rated_kind(kind_code: str) -> bool:
    return kind_code in _satisfied_at_least


def is_satisfied(kind_code: str, rating: int) -> bool:
    return rating >= _satisfied_at_least[kind_code]


def register_known_scales() -> None:
    """The scales of kinds that exist today (new kinds register their own in their apps)."""
    from opencounty.interaction.letters.actions import RATING_SCORES
    from opencounty.interaction.models import Letter

    register_rating_scale("letter", satisfied_at_least=RATING_SCORES[Letter.Rating.SATISFIED])
