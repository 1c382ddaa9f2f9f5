"""Wagtail's users app with the separated administrators' account screens (三员分立).

In its own module: an apps module with two AppConfig classes would stop Django from
picking `CoreConfig` by itself."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "opencounty.core.administrators.UserViewSet"
