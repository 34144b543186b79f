"""The HTML side of the service: the map, match and paths pages and every ``/view/...``."""
