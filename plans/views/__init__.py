"""Views of the plans app, one module per page family."""

from plans.views.browse import home, point_detail, version_detail
from plans.views.compare import compare_versions, genealogy
from plans.views.lineage_edit import confirm_link, redraw_link, reject_link

__all__ = [
    "compare_versions",
    "confirm_link",
    "genealogy",
    "home",
    "point_detail",
    "redraw_link",
    "reject_link",
    "version_detail",
]
