from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opencounty.core.models import Unit
from opencounty.disclosure import actions
from opencounty.disclosure.forms import DisclosureApplicationForm


def _fee_refused(form: DisclosureApplicationForm, refusal: actions.FeeNotAccepted) -> None:
    """Explain why nothing was stored: the fee has to be accepted first (again if it changed)."""
    quoted = form.cleaned_data.get("quoted_fee")
    if form.cleaned_data.get("accept_fee") and quoted is not None:
        message = _("收费金额已变更为%(amount)s元，请重新阅读收费标准并确认。")
    else:
        message = _(
            "本次申请需缴纳信息处理费%(amount)s元。请阅读收费标准，勾选同意后再提交；不同意的，申请不会被提交。"
        )
    form.add_error("accept_fee", message % {"amount": refusal.quote.amount})


@never_cache
def apply(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The online application to one unit; stored before it is acknowledged."""
    unit = get_object_or_404(Unit, code=unit_code)
    form = DisclosureApplicationForm(request.POST or None, request.FILES or None)
    fee_notice = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            disclosure_request, query_code = actions.submit_request(
                unit=unit,
                applicant_type=data["applicant_type"],
                name=data["name"],
                organisation_name=data["organisation_name"],
                legal_representative=data["legal_representative"],
                id_type=data["id_type"],
                id_number=data["id_number"],
                phone=data["phone"],
                email=data["email"],
                postal_address=data["postal_address"],
                postcode=data["postcode"],
                description=data["description"],
                document_number=data["document_number"],
                form_wanted=data["form_wanted"],
                delivery=data["delivery"],
                id_document=data.get("id_document"),
                accepted_fee=form.accepted_fee(),
            )
        except actions.FeeNotAccepted as refusal:
            fee_notice = refusal.quote
            _fee_refused(form, refusal)
        else:
            return render(
                request,
                "disclosure/submitted.html",
                {"case": disclosure_request.case, "query_code": query_code, "unit": unit},
            )
    return render(
        request, "disclosure/apply.html", {"form": form, "unit": unit, "fee_notice": fee_notice}
    )
