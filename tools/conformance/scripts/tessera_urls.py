"""The URLconf the cases reverse against; src/hooks.ts mirrors it for `{% url %}`."""
from django.urls import path


def view(request, **kwargs):  # pragma: no cover - never called, reverse() only needs a callable
    raise NotImplementedError


urlpatterns = [
    path("", view, name="home"),
    path("search/", view, name="search"),
    path("articles/<int:pk>/", view, name="article"),
    path("users/<str:username>/", view, name="user-profile"),
    path("archive/<int:year>/<int:month>/", view, name="archive"),
    path("tags/<slug:slug>/", view, name="tag"),
]
