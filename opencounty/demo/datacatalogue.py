"""Demo datacatalogue data (政务信息资源目录与开放数据). Filled in by the datacatalogue app's own work: until it is, the phase
adds nothing and says so."""

import random
from datetime import date


def is_built() -> bool:
    """The phase has left its data (a half-built county completes what is missing)."""
    return True


def build(rng: random.Random, today: date) -> str:
    """Build this part of the demo county; returns the line the build prints (in Chinese)."""
    return "政务信息资源目录与开放数据：暂无演示数据"
