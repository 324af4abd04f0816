"""The shared core of the coordination workflows: roles and scope, working days, uploads,
notices, the region's rules, the API's base class; it depends on none of the workflows."""
