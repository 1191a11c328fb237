from core import roles as role_rules


def roles(request):
    """Expose the viewer's role to templates (menus only; views enforce access themselves)."""
    user = request.user
    return {
        "is_secretariat": role_rules.is_secretariat(user),
        "is_secretariat_staff": role_rules.is_secretariat_staff(user),
        "is_administrator": role_rules.is_administrator(user),
        "focal_state_id": role_rules.focal_state_id(user),
    }
