from .taxonomy import Course, Cuisine, Diet

__all__ = ["Course", "Cuisine", "Diet"]
