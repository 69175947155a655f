"""What the build log says about the data: counts, and the data's own date (for reproducible builds)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.records.dataset import Dataset


@dataclass(frozen=True)
class Summary:
    """What the build log says about the data, and the data's own date."""

    units: int
    assessments: int
    decisions: int
    epoch: int  # the newest document or assessment date, for SOURCE_DATE_EPOCH: never the build time

    @classmethod
    def of(cls, ds: Dataset) -> Summary:
        dates = [ref.record.date for ref in ds.documents]
        dates += [ref.record.date for ref in ds.assessments if ref.record.date is not None]
        newest = max(dates, default=dt.date(2024, 1, 1))
        epoch = int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())
        return cls(len(ds.units), len(ds.assessments), len(ds.decisions), epoch)
