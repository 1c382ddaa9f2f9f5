from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The synthetic demo county 示范县: development data only, never needed in production."""

    name = "opencounty.demo"
    label = "demo"
    verbose_name = "示范县演示数据"
