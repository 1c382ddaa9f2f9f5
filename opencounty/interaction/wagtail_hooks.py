from wagtail import hooks

from opencounty.interaction.surveys import hooks as survey_hooks


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return survey_hooks.admin_urls()


@hooks.register("register_page_listing_more_buttons")
def survey_listing_buttons(page, user, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)


@hooks.register("register_page_header_buttons")
def survey_header_buttons(page, user, view_name, next_url=None):
    yield from survey_hooks.survey_buttons(page, user)
