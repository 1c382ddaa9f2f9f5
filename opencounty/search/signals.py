"""Keep site search's index in step with publishing: a live article or guide is (re)indexed
when it is saved, and leaves the index when it is unpublished, moved out or deleted (the
entry's foreign key cascades). The work runs after the commit, reading what was committed,
so a page's child rows (attachments, materials, catalogue record) are indexed with it."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_unpublished, post_page_move

from opencounty.search import index


def _searchable(page: Page) -> bool:
    from opencounty.portal.models import ArticlePage
    from opencounty.services.models import ServiceItemPage

    return isinstance(page, ArticlePage | ServiceItemPage) or (
        type(page) is Page and page.specific_class in (ArticlePage, ServiceItemPage)
    )


def _later(page_ids: list[int]) -> None:
    transaction.on_commit(lambda: index.index_pages(page_ids))


@receiver(post_save)
def _saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, Page) or not _searchable(instance):
        return
    _later([instance.pk])


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs) -> None:
    _later([instance.pk])


@receiver(post_page_move)
def _moved(sender, instance, **kwargs) -> None:
    # The unit and column of everything below the page may have changed.
    pages = Page.objects.descendant_of(instance, inclusive=True).filter(
        content_type__in=index.searchable_types()
    )
    _later(list(pages.values_list("pk", flat=True)))
