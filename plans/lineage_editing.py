"""Editors' changes to lineage: confirm an automatic link, reject a link, redraw one.

Every change is recorded as a `LinkReview` (who, when, why, and what the link was before).
Callers run these inside a transaction; `LinkEditError` explains what was wrong and nothing is
written.
"""

from __future__ import annotations

from django.db.models import Q

from plans.compare_service import MIRROR
from plans.models import (
    Coverage,
    LineageLink,
    LinkOrigin,
    LinkReview,
    LinkStatus,
    PlanVersion,
    Point,
    ReviewAction,
    VersionPair,
)


class LinkEditError(ValueError):
    """The change cannot be made; the message says why."""


def pair_for(old: PlanVersion, new: PlanVersion) -> tuple[VersionPair, bool]:
    """The pair holding links between the two versions (either direction), created if missing."""
    pair = VersionPair.objects.filter(from_version=old, to_version=new).first()
    if pair is not None:
        return pair, False
    pair = VersionPair.objects.filter(from_version=new, to_version=old).first()
    if pair is not None:
        return pair, True
    pair = VersionPair.objects.create(
        from_version=old, to_version=new, coverage=Coverage.PARTIAL, note="Started by an editor from the compare page."
    )
    return pair, False


def _points(version: PlanVersion, keys: tuple[str, ...]) -> list[Point]:
    found = {p.number: p for p in version.points.filter(number__in=keys)}
    missing = [k for k in keys if k not in found]
    if missing:
        raise LinkEditError(f"{version.label} has no point {', '.join(missing)}.")
    return [found[k] for k in keys]


def snapshot(link: LineageLink) -> dict:
    return {
        "left": [p.number for p in link.from_points.all()],
        "right": [p.number for p in link.to_points.all()],
        "relation": link.relation,
        "origin": link.origin,
        "status": link.status,
    }


def _create(
    user, old: PlanVersion, new: PlanVersion, data: dict, *, relation: str, origin: str, status: str,  # noqa: ANN001
    score: float | None, note: str, replacing: LineageLink | None = None,
) -> LineageLink:
    pair, reversed_ = pair_for(old, new)
    left, right = _points(old, data["left_keys"]), _points(new, data["right_keys"])
    if reversed_:
        left, right, relation = right, left, MIRROR.get(relation, relation)
    if status == LinkStatus.CONFIRMED:
        clash = (
            pair.links.standing()
            .filter(Q(from_points__in=left) | Q(to_points__in=right))
            .exclude(pk=replacing.pk if replacing else None)
            .distinct()
            .first()
        )
        if clash is not None:
            taken = snapshot(clash)
            raise LinkEditError(
                f"Point(s) {', '.join(taken['left']) or '–'} → {', '.join(taken['right']) or '–'} are already "
                "linked by a standing link; reject or redraw that one first."
            )
    link = LineageLink.objects.create(
        pair=pair, relation=relation, origin=origin, status=status, score=score, note=note
    )
    link.from_points.set(left)
    link.to_points.set(right)
    return link


def confirm_automatic(user, old: PlanVersion, new: PlanVersion, data: dict) -> LineageLink:  # noqa: ANN001
    if not data.get("kind"):
        raise LinkEditError("The automatic link's kind is missing.")
    link = _create(
        user, old, new, data, relation=data["kind"], origin=LinkOrigin.AUTOMATIC,
        status=LinkStatus.CONFIRMED, score=data.get("score"), note=data.get("reason") or "",
    )
    LinkReview.objects.create(link=link, user=user, action=ReviewAction.CONFIRM, reason=data.get("reason") or "")
    return link


def _standing_link(old: PlanVersion, new: PlanVersion, pk: int) -> LineageLink:
    link = (
        LineageLink.objects.filter(pk=pk, status=LinkStatus.CONFIRMED)
        .filter(Q(pair__from_version=old, pair__to_version=new) | Q(pair__from_version=new, pair__to_version=old))
        .first()
    )
    if link is None:
        raise LinkEditError("That link no longer stands (someone may have changed it); reload the comparison.")
    return link


def reject(user, old: PlanVersion, new: PlanVersion, data: dict) -> LineageLink:  # noqa: ANN001
    reason = data.get("reason") or ""
    if data.get("link"):
        link = _standing_link(old, new, data["link"])
        before = snapshot(link)
        link.status = LinkStatus.REJECTED
        link.save(update_fields=["status"])
    else:
        if not data.get("kind"):
            raise LinkEditError("The automatic link's kind is missing.")
        before = {}
        link = _create(
            user, old, new, data, relation=data["kind"], origin=LinkOrigin.AUTOMATIC,
            status=LinkStatus.REJECTED, score=data.get("score"), note=reason,
        )
    LinkReview.objects.create(link=link, user=user, action=ReviewAction.REJECT, reason=reason, before=before)
    return link


def redraw(user, old: PlanVersion, new: PlanVersion, data: dict) -> LineageLink:  # noqa: ANN001
    replacing = _standing_link(old, new, data["link"]) if data.get("link") else None
    before = snapshot(replacing) if replacing else {}
    link = _create(
        user, old, new, data, relation=data["relation"], origin=LinkOrigin.CURATED,
        status=LinkStatus.CONFIRMED, score=None, note=data["reason"], replacing=replacing,
    )
    if replacing is not None:
        replacing.status = LinkStatus.REJECTED
        replacing.save(update_fields=["status"])
        LinkReview.objects.create(link=replacing, user=user, action=ReviewAction.REDRAW, reason=data["reason"], before=before)
    LinkReview.objects.create(link=link, user=user, action=ReviewAction.REDRAW, reason=data["reason"], before=before)
    return link
