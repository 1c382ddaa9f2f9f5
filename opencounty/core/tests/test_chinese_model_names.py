"""Every model and field of ours is named in Chinese: no "文章s", no "portal.articlepage", no
"clock pause" in a list header, a filter or the history of a change."""

import re

from django.apps import apps

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _ours():
    return [model for model in apps.get_models() if model.__module__.startswith("opencounty.")]


def _from_a_library(model, field) -> bool:
    """Fields Wagtail or Django declare (a page's path, an orderable's sort order)."""
    if field.model is not model and not field.model.__module__.startswith("opencounty."):
        return True
    return any(
        getattr(getattr(base, "_meta", None), "abstract", False)
        and not base.__module__.startswith("opencounty.")
        and field.name in [own.name for own in base._meta.local_fields]
        for base in model.__mro__[1:]
    )


def test_every_model_of_ours_has_a_chinese_name_in_the_singular_and_the_plural():
    english = [
        f"{model._meta.label}: {model._meta.verbose_name!s} / {model._meta.verbose_name_plural!s}"
        for model in _ours()
        if not _CJK.search(str(model._meta.verbose_name))
        or not _CJK.search(str(model._meta.verbose_name_plural))
        or str(model._meta.verbose_name_plural) == f"{model._meta.verbose_name}s"
    ]
    assert english == []


def test_every_field_of_ours_has_a_chinese_name():
    english = [
        f"{model._meta.label}.{field.name}: {field.verbose_name!s}"
        for model in _ours()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and not _from_a_library(model, field)
        and not _CJK.search(str(field.verbose_name))
    ]
    assert english == []
