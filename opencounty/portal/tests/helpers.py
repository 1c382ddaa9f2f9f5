"""Small helpers for portal tests: drafting and submitting articles as a persona would."""

from wagtail.models import Page

from opencounty.core.models import Unit
from opencounty.portal.models import ArticlePage, ColumnPage


def column_of(unit_code: str, slug: str = "news") -> ColumnPage:
    unit = Unit.objects.get(code=unit_code)
    return ColumnPage.objects.child_of(unit.root_page).get(slug=slug)


def county_column(slug: str) -> ColumnPage:
    unit = Unit.objects.get(code="000")
    return ColumnPage.objects.child_of(unit.root_page).get(slug=slug)


def draft_article(column: Page, author, title: str, body: str = "<p>正文。</p>") -> ArticlePage:
    article = ArticlePage(title=title, body=body, live=False, owner=author)
    column.add_child(instance=article)
    article.save_revision(user=author)
    return article


def submit(article: ArticlePage, author):
    workflow = article.get_workflow()
    assert workflow is not None, "every portal page is under a review workflow"
    return workflow.start(article, author)


def act(article: ArticlePage, user, action: str, comment: str = ""):
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task = task_state.task.specific
    kwargs = {"comment": comment} if comment else {}
    task.on_action(task_state.specific, user, action, **kwargs)
    article.refresh_from_db()
    return task_state


def published_article(column: Page, title: str, at=None, **fields) -> ArticlePage:
    """An article published straight away (no workflow), first published at `at` if given."""
    article = ArticlePage(
        title=title, body=fields.pop("body", "<p>正文。</p>"), live=False, **fields
    )
    column.add_child(instance=article)
    article.save_revision().publish()
    if at is not None:
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=at)
    return ArticlePage.objects.get(pk=article.pk)


def new_column(parent: Page, title: str, slug: str, kind: str = "news") -> ColumnPage:
    column = ColumnPage(title=title, slug=slug, kind=kind)
    parent.add_child(instance=column)
    column.save_revision().publish()
    return ColumnPage.objects.get(pk=column.pk)
