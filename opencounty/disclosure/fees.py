"""Information-processing fees for excessive requests (free by default).

Two methods, one per request:
- by count, per applicant per calendar month: requests 1-10 free; 11-30 at 100 yuan
  each; from the 31st, each further band of 10 costs 100 yuan more per request;
- by pages: pages 1-30 free; 31-100 at 10 yuan; 101-200 at 20 yuan; over 200 at 40
  yuan per page (each band priced on the pages within it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

BASIS = gettext_lazy("《政府信息公开信息处理费管理办法》")
BY_COUNT = "count"  # DisclosureRequest.FeeMethod values
BY_PAGES = "pages"
FREE_REQUESTS = 10
FIRST_PAID_UNTIL = 30
BASE_FEE = Decimal(100)
PAGE_BANDS = [(30, Decimal(0)), (100, Decimal(10)), (200, Decimal(20)), (None, Decimal(40))]


def fee_for_nth_request(n: int) -> Decimal:
    """The fee for an applicant's n-th request in one calendar month."""
    if n <= FREE_REQUESTS:
        return Decimal(0)
    if n <= FIRST_PAID_UNTIL:
        return BASE_FEE
    band = (n - FIRST_PAID_UNTIL - 1) // 10 + 1
    return BASE_FEE * (band + 1)


def fee_for_pages(pages: int) -> Decimal:
    total, lower = Decimal(0), 0
    for upper, price in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += (top - lower) * price
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def requests_this_month(applicant_key: str, on: date) -> int:
    """How many requests the applicant has made in the calendar month of `on` (all units)."""
    from opencounty.disclosure.models import DisclosureRequest

    return DisclosureRequest.objects.filter(
        applicant_key=applicant_key,
        case__submitted_at__year=on.year,
        case__submitted_at__month=on.month,
    ).count()


def nth_request_of(request) -> int:
    """Which of its applicant's requests this one was in its calendar month (1 = the first)."""
    from opencounty.disclosure.models import DisclosureRequest

    submitted = request.case.submitted_at
    on = timezone.localtime(submitted).date()
    return DisclosureRequest.objects.filter(
        applicant_key=request.applicant_key,
        case__submitted_at__year=on.year,
        case__submitted_at__month=on.month,
        case__submitted_at__lte=submitted,
    ).count()


@dataclass(frozen=True)
class FeeQuote:
    """What an applicant is told before paying: the amount, the method and the tier it falls in."""

    method: str
    amount: Decimal
    tier: str
    basis: str | Promise = BASIS


def _count_band(n: int) -> tuple[int, int]:
    if n <= FIRST_PAID_UNTIL:
        return FREE_REQUESTS + 1, FIRST_PAID_UNTIL
    low = FIRST_PAID_UNTIL + 1 + (n - FIRST_PAID_UNTIL - 1) // 10 * 10
    return low, low + 9


def quote_for_nth_request(n: int) -> FeeQuote:
    amount = fee_for_nth_request(n)
    if not amount:
        tier = _("本月第%(n)s件，每月%(free)s件以内不收费") % {"n": n, "free": FREE_REQUESTS}
    else:
        low, high = _count_band(n)
        tier = _("本月第%(n)s件，适用第%(low)s—%(high)s件每件%(fee)s元的标准") % {
            "n": n,
            "low": low,
            "high": high,
            "fee": amount,
        }
    return FeeQuote(BY_COUNT, amount, tier)


def quote_for_pages(pages: int) -> FeeQuote:
    tier = _(
        "共%(pages)s页：30页以内不收费，31—100页每页10元，101—200页每页20元，200页以上每页40元"
    ) % {"pages": pages}
    return FeeQuote(BY_PAGES, fee_for_pages(pages), tier)
