from django.urls import path

from mentora.home import views

app_name = "home"

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
]
