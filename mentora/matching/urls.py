from django.urls import path

from mentora.matching import directory_views, views

app_name = "matching"

urlpatterns = [
    path("me/", views.mine, name="mine"),
    path("responses/<id:response_pk>/", views.respond, name="respond"),
    path("requests/<id:request_pk>/answer/", views.request_answer, name="request_answer"),
    path("requests/<id:request_pk>/confirm/", views.proposal_answer, name="proposal_answer"),
    path("requests/<id:request_pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("pairings/<id:proposal_pk>/answer/", directory_views.answer, name="pairing_answer"),
    path("pairings/<id:proposal_pk>/withdraw/", directory_views.withdraw, name="pairing_withdraw"),
    path("programmes/<id:pk>/", views.home, name="home"),
    path("programmes/<id:pk>/directory/", directory_views.directory, name="directory"),
    path("programmes/<id:pk>/directory/propose/", directory_views.propose, name="propose"),
    path("programmes/<id:pk>/pairings/", directory_views.programme_pairings, name="pairings"),
    path("programmes/<id:pk>/start/", views.start, name="start"),
    path("programmes/<id:pk>/compare/", views.compare, name="compare"),
    path("programmes/<id:pk>/choose/", views.shortlist, name="shortlist"),
    path("programmes/<id:pk>/choose/request/", views.request_mentor, name="request"),
    path("programmes/<id:pk>/rules/<id:rule_pk>/delete/", views.rule_delete, name="rule_delete"),
    path("programmes/<id:pk>/runs/<id:run_pk>/", views.run_detail, name="run"),
    path("programmes/<id:pk>/runs/<id:run_pk>/status/", views.run_status, name="run_status"),
    path("programmes/<id:pk>/runs/<id:run_pk>/assign/", views.assign, name="assign"),
    path("programmes/<id:pk>/runs/<id:run_pk>/swap/", views.swap, name="swap"),
    path("programmes/<id:pk>/runs/<id:run_pk>/publish/", views.publish, name="publish"),
    path("programmes/<id:pk>/proposals/<id:proposal_pk>/lock/", views.lock, name="lock"),
    path("programmes/<id:pk>/proposals/<id:proposal_pk>/forbid/", views.forbid, name="forbid"),
]
