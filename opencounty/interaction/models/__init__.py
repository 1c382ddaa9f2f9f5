"""Models of the interaction app, one module per feature."""

from opencounty.interaction.models.consultations import *  # noqa: F401,F403
from opencounty.interaction.models.error_reports import *  # noqa: F401,F403
from opencounty.interaction.models.letters import *  # noqa: F401,F403
from opencounty.interaction.models.surveys import *  # noqa: F401,F403
