from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Video-conference booking and support (视频会议): applications, support checklists, minutes, room calendars."""

    name = "opencounty.meetings"
    label = "meetings"
    verbose_name = _("视频会议")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import todo
        from opencounty.meetings.todo import meeting_groups

        todo.register(meeting_groups)
