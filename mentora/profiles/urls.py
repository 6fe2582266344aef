from django.urls import path

from mentora.profiles import people_views, skills_views, views

app_name = "profiles"

urlpatterns = [
    path("", views.my_profile, name="mine"),
    path("edit/role/", views.edit_work, name="edit_work"),
    path("edit/role/managers/", views.manager_search, name="manager_search"),
    path("edit/about/", views.edit_about, name="edit_about"),
    path("edit/languages/", views.edit_languages, name="edit_languages"),
    path("edit/availability/", views.edit_availability, name="edit_availability"),
    path("skills/", views.skills, name="skills"),
    path("skills/add/<str:direction>/", views.skill_add, name="skill_add"),
    path("skills/propose/", views.skill_propose, name="skill_propose"),
    path("skills/<id:pk>/update/", views.skill_update, name="skill_update"),
    path("skills/<id:pk>/remove/", views.skill_remove, name="skill_remove"),
    path("members/<id:pk>/", views.member_profile, name="member"),
    path("people/", people_views.people_search, name="people_search"),
    path("taxonomy/", skills_views.taxonomy, name="taxonomy"),
    path("taxonomy/new/", skills_views.taxonomy_create, name="taxonomy_create"),
    path("taxonomy/<id:pk>/edit/", skills_views.taxonomy_edit, name="taxonomy_edit"),
    path("taxonomy/<id:pk>/merge/", skills_views.taxonomy_merge, name="taxonomy_merge"),
    path("taxonomy/<id:pk>/accept/", skills_views.taxonomy_accept, name="taxonomy_accept"),
    path("taxonomy/<id:pk>/delete/", skills_views.taxonomy_delete, name="taxonomy_delete"),
]
