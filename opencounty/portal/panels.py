from wagtail.admin.panels import Panel

from opencounty.core.textcheck import find_hits


class TextCheckPanel(Panel):
    """Shows the text-check hits of the content being edited (saved draft)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/text_check_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["checked"] = bool(instance.pk)
            context["hits"] = find_hits(instance.text_for_check()) if instance.pk else []
            return context
