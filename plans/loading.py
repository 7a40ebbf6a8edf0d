"""Writing plan versions, points and curated lineage into the database.

The callers wrap these in one transaction; every function here raises `DatasetError` on the
first problem it finds, so a bad file leaves the database as it was. Writes are upserts keyed
on natural keys (version slug, point number, the sets of linked points) and touch a row only
when something differs, so loading the same data twice changes nothing.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from plans.models import (
    Confidence,
    Coverage,
    Evidence,
    LineageLink,
    LinkOrigin,
    PairScope,
    Plan,
    PlanVersion,
    Point,
    Relation,
    Section,
    VersionPair,
    VersionStatus,
)


class DatasetError(ValueError):
    """The data cannot be loaded; the message says where (file path and item)."""


@dataclass
class LoadReport:
    """How many rows of each kind were created, updated or left as they were."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, kind: str, outcome: str) -> None:
        self.counts[f"{kind}:{outcome}"] += 1

    @property
    def changed(self) -> int:
        return sum(n for key, n in self.counts.items() if not key.endswith(":unchanged"))

    def lines(self) -> list[str]:
        kinds = sorted({key.split(":")[0] for key in self.counts})
        return [
            f"{kind}: {self.counts[kind + ':created']} created, "
            f"{self.counts[kind + ':updated']} updated, "
            f"{self.counts[kind + ':unchanged']} unchanged"
            for kind in kinds
        ]


def validate(obj: models.Model, where: str) -> None:
    """Check field rules (lengths, URLs, choices) the same way on every database backend."""
    relations = [f.name for f in obj._meta.fields if f.is_relation]
    try:
        obj.clean_fields(exclude=relations)
    except ValidationError as exc:
        problems = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
        raise DatasetError(f"{where}: {problems}") from None


def upsert(
    model: type[models.Model], lookup: Mapping[str, Any], values: Mapping[str, Any], where: str
) -> tuple[models.Model, str]:
    """Create or update one row by `lookup`; save only if a value differs."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        validate(obj, where)
        obj.save(force_insert=True)
        return obj, "created"
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, "unchanged"
    for name in changed:
        setattr(obj, name, values[name])
    validate(obj, where)
    obj.save(update_fields=changed)
    return obj, "updated"


def set_m2m(manager: Any, wanted: Iterable[models.Model]) -> bool:
    """Make a many-to-many relation hold exactly `wanted`; report whether it changed."""
    wanted_ids = {obj.pk for obj in wanted}
    current = set(manager.values_list("pk", flat=True))
    if wanted_ids == current:
        return False
    manager.set(wanted_ids)
    return True


def require(item: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in item or item[key] in (None, ""):
        raise DatasetError(f"{where}: '{key}' is missing")
    return item[key]


def parse_date(value: Any, where: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise DatasetError(f"{where}: '{value}' is not a date (YYYY-MM-DD)") from None


def choice(value: Any, choices: type[models.TextChoices], where: str, key: str) -> str:
    if value not in choices.values:
        allowed = ", ".join(v for v in choices.values if v)
        raise DatasetError(f"{where}: {key} '{value}' is not one of {allowed}")
    return value


def normalise_sources(raw: Any, where: str) -> list[dict[str, str]]:
    """Sources come as URLs or as {url, outlet, date, title}; store them all as dicts."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DatasetError(f"{where}: 'sources' must be a list")
    result = []
    for entry in raw:
        if isinstance(entry, str):
            entry = {"url": entry}
        if not isinstance(entry, dict) or not str(entry.get("url", "")).startswith(("http://", "https://")):
            raise DatasetError(f"{where}: every source needs an http(s) url")
        result.append({key: str(value) for key, value in entry.items() if value not in (None, "")})
    return result


def load_plan_versions(doc: Mapping[str, Any], report: LoadReport, where: str) -> Plan:
    """Load `{"plan": {...}, "versions": [...]}` (the format of plan_versions.json)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("versions"), list):
        raise DatasetError(f"{where}: expected an object with 'plan' and 'versions'")
    plan_data = require(doc, "plan", where)
    plan, outcome = upsert(
        Plan,
        {"slug": require(plan_data, "slug", f"{where}: plan")},
        {"title": require(plan_data, "title", f"{where}: plan"), "summary": plan_data.get("summary", "")}, where)
    report.add("plan", outcome)

    slugs = [v.get("slug") for v in doc["versions"]]
    duplicates = sorted({s for s in slugs if slugs.count(s) > 1})
    if duplicates:
        raise DatasetError(f"{where}: version slug repeated: {', '.join(map(str, duplicates))}")

    versions: dict[str, PlanVersion] = {}
    for index, item in enumerate(doc["versions"]):
        here = f"{where}: versions[{index}]"
        versions[require(item, "slug", here)] = load_version(plan, item, report, here)
    # Parents are set once every version exists, so the file's order does not matter.
    for index, item in enumerate(doc["versions"]):
        parent_slug = item.get("parent")
        version = versions[item["slug"]]
        parent = None
        if parent_slug:
            parent = versions.get(parent_slug) or PlanVersion.objects.filter(slug=parent_slug).first()
            if parent is None:
                raise DatasetError(
                    f"{where}: versions[{index}]: parent '{parent_slug}' is not a known version"
                )
        if version.parent_id != (parent.pk if parent else None):
            version.parent = parent
            version.save(update_fields=["parent"])
    return plan


def load_version(
    plan: Plan, item: Mapping[str, Any], report: LoadReport, where: str
) -> PlanVersion:
    slug = item["slug"]
    version, outcome = upsert(
        PlanVersion,
        {"slug": slug},
        {
            "plan": plan,
            "label": require(item, "label", where),
            "date": parse_date(require(item, "date", where), where),
            "origin": item.get("origin") or "",
            "status": choice(require(item, "status", where), VersionStatus, where, "status"),
            "summary": item.get("summary") or "",
            "sources": normalise_sources(item.get("sources"), where),
        }, where)
    report.add("version", outcome)

    sections: dict[str, Section] = {}
    for order, section in enumerate(item.get("sections") or [], start=1):
        here = f"{where}: sections[{order - 1}]"
        key = require(section, "key", here)
        sections[key], outcome = upsert(
            Section,
            {"version": version, "key": key},
            {"title": require(section, "title", here), "order": order}, here)
        report.add("section", outcome)

    load_points(version, item.get("points") or [], sections, report, where)
    return version


def load_points(
    version: PlanVersion,
    items: Sequence[Mapping[str, Any]],
    sections: Mapping[str, Section],
    report: LoadReport,
    where: str,
) -> None:
    """Upsert the points of a version in document order; a parent must come before its sub-points."""
    numbers = [str(p.get("number", "")) for p in items]
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise DatasetError(f"{where}: point number repeated: {', '.join(repeated)}")
    existing = {p.number: p for p in version.points.all()}
    extra = set(existing) - set(numbers)
    if extra and items:
        raise DatasetError(
            f"{where}: the database holds points {', '.join(sorted(extra))} of '{version.slug}' "
            "that the data no longer has; remove them in the admin first"
        )
    # Park existing orders out of the way so reordering never trips the unique constraint.
    if any(existing[n].order != i for i, n in enumerate(numbers, start=1) if n in existing):
        offset = len(existing) + len(numbers) + 1
        version.points.update(order=models.F("order") + offset)
        for point in existing.values():
            point.order += offset

    points: dict[str, Point] = {}
    for order, item in enumerate(items, start=1):
        here = f"{where}: point {item.get('number', '?')}"
        number = str(require(item, "number", here))
        parent = None
        if item.get("parent"):
            parent = points.get(str(item["parent"]))
            if parent is None:
                raise DatasetError(f"{here}: parent '{item['parent']}' must come earlier in the same version")
        section = None
        if item.get("section"):
            section = sections.get(item["section"])
            if section is None:
                raise DatasetError(f"{here}: section '{item['section']}' is not declared")
        points[number], outcome = upsert(
            Point,
            {"version": version, "number": number},
            {
                "parent": parent,
                "order": order,
                "section": section,
                "text": require(item, "text", here),
                "evidence": choice(require(item, "evidence", here), Evidence, here, "evidence"),
                "sources": normalise_sources(item.get("sources"), here),
            }, here)
        report.add("point", outcome)


def load_lineage(pairs: Any, report: LoadReport, where: str) -> None:
    """Load curated lineage in the format of plan_lineage.json."""
    if not isinstance(pairs, list):
        raise DatasetError(f"{where}: expected a list of version pairs")
    for index, item in enumerate(pairs):
        load_pair(item, report, f"{where}: pairs[{index}]")


def _points_by_number(version: PlanVersion) -> dict[str, Point]:
    return {p.number: p for p in version.points.all()}


def _pick(points: Mapping[str, Point], numbers: Any, version: PlanVersion, where: str) -> list[Point]:
    if not isinstance(numbers, list):
        raise DatasetError(f"{where}: expected a list of point numbers")
    missing = [str(n) for n in numbers if str(n) not in points]
    if missing:
        raise DatasetError(f"{where}: {version.slug} has no point {', '.join(missing)}")
    return [points[str(n)] for n in numbers]


def load_pair(item: Mapping[str, Any], report: LoadReport, where: str) -> VersionPair:
    versions = {}
    for end in ("from", "to"):
        slug = require(item, end, where)
        versions[end] = PlanVersion.objects.filter(slug=slug).first()
        if versions[end] is None:
            raise DatasetError(f"{where}: '{end}' version '{slug}' is not known")
    where = f"{where} ({versions['from'].slug} → {versions['to'].slug})"
    pair, outcome = upsert(
        VersionPair,
        {"from_version": versions["from"], "to_version": versions["to"]},
        {
            "coverage": choice(require(item, "coverage", where), Coverage, where, "coverage"),
            "scope": choice(item.get("scope") or "", PairScope, where, "scope"),
            "note": item.get("note") or "",
        }, where)
    from_points = _points_by_number(versions["from"])
    to_points = _points_by_number(versions["to"])
    fates_changed = any(
        [
            set_m2m(pair.unknown_from_points, _pick(from_points, item.get("unknown_from_points", []), versions["from"], f"{where}: unknown_from_points")),
            set_m2m(pair.unknown_to_points, _pick(to_points, item.get("unknown_to_points", []), versions["to"], f"{where}: unknown_to_points")),
            set_m2m(pair.not_applicable_from_points, _pick(from_points, item.get("not_applicable_from_points") or [], versions["from"], f"{where}: not_applicable_from_points")),
        ]
    )
    report.add("pair", "updated" if outcome == "unchanged" and fates_changed else outcome)

    existing = {
        (frozenset(p.number for p in link.from_points.all()), frozenset(p.number for p in link.to_points.all())): link
        for link in pair.links.curated().prefetch_related("from_points", "to_points")
    }
    seen: Counter[str] = Counter()
    for index, link_item in enumerate(require(item, "links", where)):
        here = f"{where}: links[{index}]"
        sources = _pick(from_points, link_item.get("from_points", []), versions["from"], f"{here}: from_points")
        targets = _pick(to_points, link_item.get("to_points", []), versions["to"], f"{here}: to_points")
        if not sources and not targets:
            raise DatasetError(f"{here}: a link needs points on at least one side")
        for point in sources:
            seen["from " + point.number] += 1
        for point in targets:
            seen["to " + point.number] += 1
        relation = choice(require(link_item, "relation", here), Relation, here, "relation")
        if relation == Relation.DROPPED and targets or relation == Relation.ADDED and sources:
            raise DatasetError(f"{here}: a {relation} link has points on the wrong side")
        values = {
            "relation": relation,
            "moved": bool(link_item.get("moved", False)),
            "moved_ambiguous": bool(link_item.get("moved_ambiguous", False)),
            "confidence": choice(link_item.get("confidence") or Confidence.HIGH, Confidence, here, "confidence"),
            "score": None,
            "note": link_item.get("note") or "",
            "sources": normalise_sources(link_item.get("sources"), here),
        }
        key = (frozenset(p.number for p in sources), frozenset(p.number for p in targets))
        link = existing.get(key)
        if link is None:
            link = LineageLink.objects.create(pair=pair, origin=LinkOrigin.CURATED, **values)
            link.from_points.set(sources)
            link.to_points.set(targets)
            report.add("link", "created")
            continue
        changed = [name for name, value in values.items() if getattr(link, name) != value]
        for name in changed:
            setattr(link, name, values[name])
        if changed:
            link.save(update_fields=changed)
        report.add("link", "updated" if changed else "unchanged")
    twice = sorted(key for key, count in seen.items() if count > 1)
    if twice:
        raise DatasetError(f"{where}: points linked more than once: {', '.join(twice)}")
    return pair
