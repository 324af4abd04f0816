"""Region packs: load, export and check the YAML form of a regulation (docs/region-pack.md)."""
