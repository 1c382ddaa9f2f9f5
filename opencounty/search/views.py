from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from opencounty.search.forms import SearchForm
from opencounty.search.query import search_articles

RESULTS_PER_PAGE = 10


def search(request: HttpRequest) -> HttpResponse:
    from opencounty.portal.pages import ColumnPage

    form = SearchForm(request.GET or None)
    outcome = None
    page_obj = None
    hits = []
    column = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        if data.get("column"):
            column = ColumnPage.objects.live().filter(pk=data["column"]).first()
        outcome = search_articles(
            data["q"],
            unit=data.get("unit"),
            column=column,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
        page_obj = Paginator(outcome.ranked, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        hits = [outcome.describe(page) for page in page_obj.object_list]
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
            "query_string": query_without_page.urlencode(),
        },
    )
