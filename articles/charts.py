"""Layouts of the coverage charts as coordinates (plain Python, no Django); templates draw the SVG."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    unconfirmed: int  # part of `value` found automatically and not yet confirmed
    y: float
    width: float
    confirmed_width: float
    href: str = ""
    title: str = ""


@dataclass
class BarChart:
    width: float
    height: float
    label_width: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)


BAR_H = 16
BAR_GAP = 6


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if value <= step * 5:
            return max(step * ((value + step - 1) // step), step)
    return value


def bar_chart(items: Sequence[tuple[str, int, int, str, str]], width: float = 620, label_width: float = 64) -> BarChart:
    """Horizontal bars for (label, total, unconfirmed, href, title), in the given order."""
    top = max([v for _, v, _, _, _ in items] + [1])
    scale_max = _nice_max(top)
    plot = width - label_width - 40
    chart = BarChart(width=width, height=len(items) * (BAR_H + BAR_GAP) + 24, label_width=label_width)
    for index, (label, value, unconfirmed, href, title) in enumerate(items):
        full = plot * value / scale_max
        confirmed = plot * (value - unconfirmed) / scale_max
        chart.bars.append(Bar(label, value, unconfirmed, index * (BAR_H + BAR_GAP), full, confirmed, href, title))
    step = max(1, scale_max // 5)
    chart.ticks = [(label_width + plot * t / scale_max, t) for t in range(0, scale_max + 1, step)]
    return chart


@dataclass(frozen=True)
class Column:
    x: float
    week: datetime.date
    stacks: tuple[tuple[str, float, float, int], ...]  # (series key, y, height, count)


@dataclass
class TimeChart:
    width: float
    height: float
    columns: list[Column]
    series: list[tuple[str, str]]  # (key, label) in stacking order
    ticks: list[tuple[float, int]]
    month_labels: list[tuple[float, str]]
    plot_top: float
    plot_bottom: float
    bar_width: float


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def time_chart(
    counts: dict[tuple[datetime.date, str], int], series: Sequence[tuple[str, str]], width: float = 760, height: float = 220
) -> TimeChart:
    """Stacked weekly columns: `counts` maps (week start, series key) to a number of articles."""
    left, right, top, bottom = 34, 10, 10, 28
    weeks = sorted({week for week, _ in counts})
    if weeks:
        all_weeks = []
        day = weeks[0]
        while day <= weeks[-1]:
            all_weeks.append(day)
            day += datetime.timedelta(days=7)
    else:
        all_weeks = []
    totals = [sum(counts.get((w, key), 0) for key, _ in series) for w in all_weeks]
    scale_max = _nice_max(max(totals + [1]))
    plot_h = height - top - bottom
    slot = (width - left - right) / max(len(all_weeks), 1)
    columns = []
    for index, week in enumerate(all_weeks):
        y = top + plot_h
        stacks = []
        for key, _ in series:
            n = counts.get((week, key), 0)
            if not n:
                continue
            h = plot_h * n / scale_max
            y -= h
            stacks.append((key, y, h, n))
        columns.append(Column(left + index * slot + slot * 0.15, week, tuple(stacks)))
    step = max(1, scale_max // 4)
    ticks = [(top + plot_h - plot_h * t / scale_max, t) for t in range(0, scale_max + 1, step)]
    months, seen = [], set()
    for index, week in enumerate(all_weeks):
        key = (week.year, week.month)
        if key not in seen:
            seen.add(key)
            months.append((left + index * slot, week.strftime("%b %Y")))
    return TimeChart(width, height, columns, list(series), ticks, months, top, top + plot_h, slot * 0.7)
