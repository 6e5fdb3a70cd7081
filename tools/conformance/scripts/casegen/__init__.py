"""Case definitions, one module per area. Each module exposes `build() -> list[Suite]`."""
