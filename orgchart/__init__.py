"""The organisation structure of each region: units, links, positions, officials, roles."""
