from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from opencounty.cases import actions as case_actions
from opencounty.cases import receipt
from opencounty.cases.actions import IllegalTransition
from opencounty.core.audit import client_ip
from opencounty.interaction.letters import actions
from opencounty.interaction.letters.forms import LetterFilterForm, LetterForm, RatingForm
from opencounty.interaction.letters.stats import by_unit, letter_statistics
from opencounty.interaction.models import Letter

LIST_PAGE_SIZE = 20


@never_cache
def write(request: HttpRequest) -> HttpResponse:
    """Write to the mailbox; the letter is stored before it is acknowledged."""
    form = LetterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        letter, query_code = actions.submit_letter(
            letter_kind=data["letter_kind"],
            addressed_to=data["addressed_to"],
            title=data["title"],
            content=data["content"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            may_publish=data["may_publish"],
            client_ip=client_ip(request) or "",
            attachments=data["attachments"],
        )
        form.release_uploads()
        receipt.remember(request, letter.case)
        return render(
            request,
            "interaction/letters/submitted.html",
            receipt.context(request, letter.case, query_code) | {"letter": letter},
        )
    if form.is_bound:
        form.keep_uploads()
    return render(request, "interaction/letters/write.html", {"form": form})


def published_letters():
    return (
        Letter.objects.filter(published_at__isnull=False)
        .select_related("case", "replying_unit")
        .order_by("-published_at", "-id")
    )


def letter_list(request: HttpRequest) -> HttpResponse:
    """Published replies: received date, reply date, replying unit and the texts."""
    filters = LetterFilterForm(request.GET or None)
    letters = published_letters()
    if filters.is_valid():
        if filters.cleaned_data["unit"]:
            letters = letters.filter(replying_unit=filters.cleaned_data["unit"])
        if filters.cleaned_data["letter_kind"]:
            letters = letters.filter(letter_kind=filters.cleaned_data["letter_kind"])
    paginator = Paginator(letters, LIST_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interaction/letters/list.html",
        {"page_obj": page_obj, "filters": filters, "query": query.urlencode()},
    )


def letter_detail(request: HttpRequest, receipt_number: str) -> HttpResponse:
    letter = get_object_or_404(published_letters(), case__receipt_number=receipt_number)
    return render(request, "interaction/letters/detail.html", {"letter": letter})


def statistics(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year:
        year = today.year
    rows, total = letter_statistics(year)
    return render(
        request,
        "interaction/letters/statistics.html",
        {
            "year": year,
            "years": range(today.year, today.year - 5, -1),
            "rows": rows,
            "units": by_unit(rows),
            "total": total,
        },
    )


@never_cache
@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """The writer rates the reply; the query code proves it is them (rate-limited like lookup)."""
    form = RatingForm(request.POST)
    error, case = "", None
    if form.is_valid():
        case = case_actions.lookup(
            form.cleaned_data["receipt_number"],
            form.cleaned_data["query_code"],
            client=client_ip(request) or "unknown",
        )
        if case is None or case.kind != "letter":
            raise PermissionDenied(_("受理编号或查询码不正确。"))
        try:
            case = actions.rate(
                case,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                reopen=form.cleaned_data["reopen"],
            )
        except IllegalTransition as exc:
            error = str(exc)
    else:
        error = " ".join(e for errors in form.errors.values() for e in errors)
    return render(
        request,
        "interaction/letters/rated.html",
        {"case": case, "error": error},
        status=400 if error else 200,
    )
