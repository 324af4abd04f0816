"""The coordination workflows. Views, the API and tasks call these functions; each one
validates against the region's rules, names the provision it applies, and writes atomically."""
