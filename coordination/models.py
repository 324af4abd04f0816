"""The app's models, as Django loads them: each workflow keeps its own in its package
(coordination.<workflow>.models); this module only imports them, so that the app registry
finds them under the app label ``coordination``. Nothing imports from here."""

from coordination.core import models as core_models
from coordination.follow_ups import models as follow_up_models
from coordination.meetings import models as meeting_models
from coordination.oversight import models as oversight_models
from coordination.reports import models as report_models

__all__ = ["core_models", "follow_up_models", "meeting_models", "oversight_models", "report_models"]
