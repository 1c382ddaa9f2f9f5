from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opencounty.search import suggestions
from opencounty.search.actions import note_zero_result
from opencounty.search.forms import SearchForm
from opencounty.search.models import ZeroResultQuery
from opencounty.search.query import search_site

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    from opencounty.portal.pages import ColumnPage

    form = SearchForm(request.GET or None)
    outcome = None
    page_obj = None
    hits = []
    column = None
    suggested = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        if data.get("column"):
            column = ColumnPage.objects.live().filter(pk=data["column"]).first()
        filters = {
            "unit": data.get("unit"),
            "column": column,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
        outcome = search_site(data["q"], **filters)
        # Counted already; only the page shown is ranked and read.
        page_obj = Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        hits = list(page_obj.object_list)
        if outcome.total < suggestions.SUGGEST_BELOW and outcome.rewrite is not None:
            suggested = suggestions.for_site(
                outcome.rewrite, outcome.filters, [hit.page.pk for hit in hits]
            )
        if outcome.total == 0:
            # Counted on every search (so never served from the page cache); only searches
            # over everything say the words are missing, not the filters.
            request.page_cacheable = False
            if not any(filters.values()):
                note_zero_result(
                    data["q"], where=ZeroResultQuery.Where.SITE, on=timezone.localdate()
                )
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "outcome": outcome,
            "page_obj": page_obj,
            "hits": hits,
            "column": column,
            "suggestions": suggested,
            "query_string": query_without_page.urlencode(),
        },
    )
