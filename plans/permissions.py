"""Who may curate: staff, and members of the "editors" group."""

EDITORS_GROUP = "editors"


def is_editor(user) -> bool:  # noqa: ANN001 - a User or AnonymousUser
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # Cached on the user object for the request: templates ask more than once.
    if not hasattr(user, "_redline_is_editor"):
        user._redline_is_editor = user.groups.filter(name=EDITORS_GROUP).exists()
    return user._redline_is_editor
