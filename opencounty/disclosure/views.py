from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache

from opencounty.core.models import Unit
from opencounty.disclosure import actions
from opencounty.disclosure.forms import DisclosureApplicationForm


@never_cache
def apply(request: HttpRequest, unit_code: str) -> HttpResponse:
    """The online application to one unit; stored before it is acknowledged."""
    unit = get_object_or_404(Unit, code=unit_code)
    form = DisclosureApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
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
        )
        return render(
            request,
            "disclosure/submitted.html",
            {"case": disclosure_request.case, "query_code": query_code, "unit": unit},
        )
    return render(request, "disclosure/apply.html", {"form": form, "unit": unit})
