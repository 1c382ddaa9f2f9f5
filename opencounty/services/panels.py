from wagtail.admin.panels import Panel


class GuideCompletenessPanel(Panel):
    """Shows the guide's missing key elements on the item's edit page (as last saved)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "services/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["checked"] = bool(instance.pk)
            context["missing"] = instance.missing_elements() if instance.pk else []
            return context
