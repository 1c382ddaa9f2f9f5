"""Information-processing fees for excessive requests (free by default).

Two methods, one per request:
- by count, per applicant per calendar month: requests 1-10 free; 11-30 at 100 yuan
  each; from the 31st, each further band of 10 costs 100 yuan more per request;
- by pages: pages 1-30 free; 31-100 at 10 yuan; 101-200 at 20 yuan; over 200 at 40
  yuan per page (each band priced on the pages within it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

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
