"""Drives the simulator with the official Genesys Cloud Python SDK (PureCloudPlatformClientV2).

Usage: python_sdk_check.py BASE_URL CLIENT_ID CLIENT_SECRET PKCE_CLIENT_ID EMAIL PASSWORD

Every call goes through the SDK's own request building and model deserialization, so a wrong
path, field name, enum value or envelope shows up here as a failure. Exits non-zero with a
message naming the failed check.
"""

import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import PureCloudPlatformClientV2 as gc
from PureCloudPlatformClientV2.rest import ApiException

BASE_URL, CLIENT_ID, CLIENT_SECRET, PKCE_CLIENT_ID, EMAIL, PASSWORD = sys.argv[1:7]
REDIRECT_URI = "http://127.0.0.1:53682/callback"
SYSTEM_PRESENCES = {
    "Available", "Away", "Busy", "Offline", "Idle", "OnQueue", "Meal", "Training", "Meeting", "Break",
}
checks = 0


def check(condition, message):
    global checks
    if not condition:
        print(f"python_sdk_check: FAILED: {message}", file=sys.stderr)
        sys.exit(1)
    checks += 1


def check_enum(value, name):
    # The SDK stores "outdated_sdk_version" when a value is outside its allowed_values.
    check(value is not None and value != "outdated_sdk_version", f"{name} parsed as {value!r}")


def check_user(user, where):
    for field in ("id", "name", "email", "username", "title", "department", "self_uri"):
        check(getattr(user, field), f"{where}: User.{field} is empty")
    check(user.division is not None and user.division.id, f"{where}: User.division.id")
    check_enum(user.state, f"{where}: User.state")
    check(user.primary_contact_info and user.primary_contact_info[0].media_type == "EMAIL",
          f"{where}: User.primaryContactInfo[0].mediaType")


def expect_api_error(call, status, code, what):
    try:
        call()
    except ApiException as e:
        check(e.status == status, f"{what}: status {e.status}, expected {status}")
        body = json.loads(e.body)
        check(body.get("code") == code, f"{what}: ErrorBody.code {body.get('code')!r}")
        correlation = {k.lower(): v for k, v in e.headers.items()}.get("inin-correlation-id")
        check(body.get("contextId") == correlation, f"{what}: contextId != inin-correlation-id")
        return
    check(False, f"{what}: expected ApiException {status}")


def post_form(path, fields, basic=None, follow=True):
    request = urllib.request.Request(
        BASE_URL + path, data=urllib.parse.urlencode(fields).encode(), method="POST")
    if basic:
        token = base64.b64encode(f"{basic[0]}:{basic[1]}".encode()).decode()
        request.add_header("Authorization", "Basic " + token)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def sign_in(client_id, code_challenge=None):
    """Submits the sign-in form as a browser would and returns the authorization code."""
    fields = {"client_id": client_id, "redirect_uri": REDIRECT_URI, "response_type": "code",
              "state": "sdk-check", "email": EMAIL, "password": PASSWORD, "action": "signin"}
    if code_challenge:
        fields.update(code_challenge=code_challenge, code_challenge_method="S256")
    status, headers, body = post_form("/oauth/authorize", fields, follow=False)
    check(status == 302, f"sign-in answered {status}: {body[:200]}")
    query = urllib.parse.parse_qs(urllib.parse.urlparse(headers.get("Location", "")).query)
    check(query.get("state") == ["sdk-check"], f"state came back as {query.get('state')}")
    return query["code"][0]


# 1. Client credentials through the SDK's own helper; login goes to the same host.
api_client = gc.ApiClient(host=BASE_URL).get_client_credentials_token(CLIENT_ID, CLIENT_SECRET)
check(api_client.access_token, "client credentials token is empty")
users_api = gc.UsersApi(api_client)
presence_api = gc.PresenceApi(api_client)

# 2. Users and the paging envelope.
listing = users_api.get_users(page_size=5, page_number=1)
check(listing.total == 60 and listing.page_count == 12, f"users total/pageCount {listing.total}/{listing.page_count}")
check(len(listing.entities) == 5 and listing.next_uri and listing.self_uri and listing.last_uri,
      "users page links")
for u in listing.entities:
    check_user(u, "get_users")
user = users_api.get_user(listing.entities[1].id, expand=["presence", "routingStatus"])
check_user(user, "get_user")
check_enum(user.presence.presence_definition.system_presence, "User.presence.systemPresence")
check_enum(user.routing_status.status, "User.routingStatus.status")
check(user.presence.modified_date is not None, "UserPresence.modifiedDate parsed as a datetime")
expect_api_error(lambda: users_api.get_user(str(uuid.uuid4())), 404, "not.found", "unknown user")
expect_api_error(lambda: users_api.get_users_me(), 400, "bad.request", "users/me with client credentials")

# 2b. Routing: queues, one queue, its members and wrap-up codes.
routing_api = gc.RoutingApi(api_client)
queues = routing_api.get_routing_queues(page_size=4, page_number=1)
check(queues.total == 10 and queues.page_count == 3 and len(queues.entities) == 4,
      f"queues total/pageCount {queues.total}/{queues.page_count}")
check(queues.next_uri and queues.self_uri and queues.first_uri and queues.last_uri, "queues page links")
everything = routing_api.get_routing_queues(page_size=25, page_number=1).entities
check(len(everything) == 10, "all queues on one page")
for queue in everything:
    for field in ("id", "name", "description", "self_uri", "date_created", "date_modified"):
        check(getattr(queue, field) is not None, f"Queue.{field} of {queue.name}")
    check(queue.division and queue.division.id and queue.division.name, f"Queue.division of {queue.name}")
    check(queue.enable_audio_monitoring is True, f"Queue.enableAudioMonitoring of {queue.name}")
    check(queue.enable_transcription is not None, f"Queue.enableTranscription of {queue.name}")
    check_enum(queue.skill_evaluation_method, "Queue.skillEvaluationMethod")
    check_enum(queue.scoring_method, "Queue.scoringMethod")
    check_enum(queue.last_agent_routing_mode, "Queue.lastAgentRoutingMode")
    check_enum(queue.acw_settings.wrapup_prompt, "Queue.acwSettings.wrapupPrompt")
    check(queue.acw_settings.timeout_ms, "Queue.acwSettings.timeoutMs")
    for media in ("call", "callback", "chat", "email", "message"):
        settings = getattr(queue.media_settings, media)
        check(settings and settings.alerting_timeout_seconds and settings.service_level
              and settings.service_level.percentage and settings.service_level.duration_ms,
              f"Queue.mediaSettings.{media} of {queue.name}")
    check(queue.member_count is not None and queue.joined_member_count is not None
          and queue.joined_member_count <= queue.member_count == queue.user_member_count,
          f"Queue member counts of {queue.name}")
sales = next(x for x in everything if x.name == "Sales")
one = routing_api.get_routing_queue(sales.id)
check(one.id == sales.id and one.name == "Sales" and one.member_count == sales.member_count, "get_routing_queue")
members = routing_api.get_routing_queue_members(sales.id, page_size=100, expand=["presence", "routingStatus"])
check(len(members.entities) == sales.member_count, f"Sales members {len(members.entities)} != {sales.member_count}")
check(sum(1 for m in members.entities if m.joined) == sales.joined_member_count, "joined members")
for m in members.entities:
    check(m.id and m.name and m.self_uri and m.ring_number and m.joined is not None, f"QueueMember {m.name}")
    check(m.member_by == "user", f"QueueMember.memberBy {m.member_by!r}")
    check_user(m.user, "get_routing_queue_members")
    check_enum(m.routing_status.status, "QueueMember.routingStatus.status")
    check(m.routing_status.user_id == m.id and m.routing_status.start_time is not None,
          "QueueMember.routingStatus")
    check_enum(m.user.presence.presence_definition.system_presence, "QueueMember.user.presence")
codes = routing_api.get_routing_wrapupcodes()
check(codes.total >= 15 and len(codes.entities) == min(codes.total, 25), f"wrap-up codes total {codes.total}")
for c in codes.entities:
    check(c.id and c.name and c.self_uri and c.date_created is not None, f"WrapupCode {c.name}")
    check(c.division and c.division.id, f"WrapupCode.division of {c.name}")
offered = routing_api.get_routing_queue_wrapupcodes(sales.id)
check(0 < offered.total < codes.total, f"Sales offers {offered.total} wrap-up codes")
check(any(c.name == "Sale completed" for c in offered.entities), "Sales offers Sale completed")
expect_api_error(lambda: routing_api.get_routing_queue(str(uuid.uuid4())), 404, "not.found", "unknown queue")

# 2c. Conversation detail analytics: the details query and details by id.
import datetime
analytics_api = gc.AnalyticsApi(api_client)
now = datetime.datetime.now(datetime.timezone.utc)
query = gc.ConversationQuery()
query.interval = (f"{(now - datetime.timedelta(days=6)).strftime('%Y-%m-%dT%H:%M:%S.000Z')}/"
                  f"{(now + datetime.timedelta(days=1)).strftime('%Y-%m-%dT%H:%M:%S.000Z')}")
query.order = "desc"
query.order_by = "conversationStart"
query.paging = gc.PagingSpec()
query.paging.page_size = 50
query.paging.page_number = 1
predicate = gc.SegmentDetailQueryPredicate()
predicate.type = "dimension"
predicate.dimension = "mediaType"
predicate.operator = "matches"
predicate.value = "voice"
segment_filter = gc.SegmentDetailQueryFilter()
segment_filter.type = "and"
segment_filter.predicates = [predicate]
query.segment_filters = [segment_filter]
result = analytics_api.post_analytics_conversations_details_query(query)
check(result.total_hits and 0 < len(result.conversations) <= 50, f"details query totalHits {result.total_hits}")
# Conversations still in progress (drawn at start-up) have no end yet, nor do their open segments.
in_progress = [c for c in result.conversations if c.conversation_end is None]
check(len(in_progress) <= 15, f"{len(in_progress)} conversations in progress")
for conv in result.conversations:
    check(conv.conversation_id and conv.conversation_start and conv.division_ids,
          "AnalyticsConversation key fields")
    check_enum(conv.originating_direction, "AnalyticsConversation.originatingDirection")
    for p in conv.participants:
        check(p.participant_id and p.sessions, "AnalyticsParticipant.participantId/sessions")
        check_enum(p.purpose, "AnalyticsParticipant.purpose")
        for s in p.sessions:
            # A callback's request is a callback session; the call that follows is voice.
            check(s.media_type in ("voice", "callback") and s.session_id,
                  f"AnalyticsSession.mediaType {s.media_type!r}")
            check_enum(s.direction, "AnalyticsSession.direction")
            for seg in s.segments:
                check_enum(seg.segment_type, "AnalyticsConversationSegment.segmentType")
                check(seg.segment_start and (seg.segment_end or conv.conversation_end is None),
                      "segmentStart/End")
                if seg.disconnect_type is not None:
                    check_enum(seg.disconnect_type, "AnalyticsConversationSegment.disconnectType")
            for m in s.metrics or []:
                check(m.name and m.value is not None and m.emit_date, "AnalyticsSessionMetric")
check(result.conversations[0].conversation_start >= result.conversations[-1].conversation_start, "desc order")
one = analytics_api.get_analytics_conversation_details(result.conversations[0].conversation_id)
check(one.conversation_id == result.conversations[0].conversation_id and one.participants,
      "get_analytics_conversation_details")
check(any(p.purpose == "customer" and p.participant_name for p in one.participants), "a named customer")
expect_api_error(lambda: analytics_api.get_analytics_conversation_details(str(uuid.uuid4())), 404, "not.found",
                 "unknown conversation")
query.paging.page_size = 101
expect_api_error(lambda: analytics_api.post_analytics_conversations_details_query(query), 400, "bad.request",
                 "pageSize over 100")

# 2d. Batch details by id, and an async details job read to its last page by cursor.
ids = [c.conversation_id for c in result.conversations[:3]]
batch = analytics_api.get_analytics_conversations_details(id=ids)
check(sorted(c.conversation_id for c in batch.conversations) == sorted(ids), "details by ids")
available = analytics_api.get_analytics_conversations_details_jobs_availability().data_availability_date
check(available is not None and available < now, f"dataAvailabilityDate {available}")
job_query = gc.AsyncConversationQuery()
job_query.interval = (f"{(now - datetime.timedelta(days=3)).strftime('%Y-%m-%dT%H:%M:%S.000Z')}/"
                      f"{now.strftime('%Y-%m-%dT%H:%M:%S.000Z')}")
job_query.order = "asc"
job_query.order_by = "conversationStart"
job_id = analytics_api.post_analytics_conversations_details_jobs(job_query).job_id
check(job_id, "AsyncQueryResponse.jobId")
deadline = time.time() + 30
while True:
    status = analytics_api.get_analytics_conversations_details_job(job_id)
    check_enum(status.state, "AsyncQueryStatus.state")
    check(status.state in ("QUEUED", "PENDING", "FULFILLED"), f"job state {status.state}")
    if status.state == "FULFILLED":
        break
    check(time.time() < deadline, "the job is fulfilled within 30 s")
    time.sleep(0.1)
check(status.submission_date and status.completion_date and status.expiration_date, "AsyncQueryStatus dates")
seen, pages, cursor = [], 0, None
while True:
    page = analytics_api.get_analytics_conversations_details_job_results(job_id, cursor=cursor, page_size=50)
    pages += 1
    check(page.data_availability_date is not None, "results dataAvailabilityDate")
    for conv in page.conversations or []:
        check(conv.conversation_start <= page.data_availability_date, "job results stop at the data lake")
        seen.append(conv.conversation_id)
    if page.cursor is None:
        break
    check(len(page.conversations) == 50, "a page before the last is full")
    cursor = page.cursor
    check(pages < 100, "the job's cursor ends")
check(pages > 1 and len(seen) == len(set(seen)), f"job read in {pages} pages, each conversation once")
analytics_api.delete_analytics_conversations_details_job(job_id)
check(analytics_api.get_analytics_conversations_details_job(job_id).state == "CANCELLED", "a deleted job is CANCELLED")
expect_api_error(lambda: analytics_api.get_analytics_conversations_details_job(str(uuid.uuid4())), 404, "not.found",
                 "unknown job")

# 3. Presence definitions, old and new, and a user's presence.
legacy = presence_api.get_presencedefinitions(page_size=25)
check(legacy.total == 10 and len(legacy.entities) == 10, f"presencedefinitions total {legacy.total}")
for d in legacy.entities:
    check(d.id and d.language_labels.get("en_US") and d.system_presence in SYSTEM_PRESENCES,
          f"OrganizationPresence {d}")
current = presence_api.get_presence_definitions()
check(current.total == 10, f"presence/definitions total {current.total}")
for d in current.entities:
    check_enum(d.type, "OrganizationPresenceDefinition.type")
    check_enum(d.system_presence, "OrganizationPresenceDefinition.systemPresence")
    check(d.language_labels.get("en_US"), "languageLabels.en_US")
on_queue = next(d for d in current.entities if d.system_presence == "OnQueue")
check(presence_api.get_presence_definition(on_queue.id).id == on_queue.id, "get_presence_definition")
presence = presence_api.get_user_presences_purecloud(user.id)
check(presence.presence_definition and presence.presence_definition.id, "UserPresence.presenceDefinition.id")
check(presence.source and presence.self_uri and presence.primary is True, "UserPresence fields")

# 4. A user token from the password grant (the SDK has no helper for it).
status, _, body = post_form("/oauth/token", {"grant_type": "password", "username": EMAIL, "password": PASSWORD},
                            basic=(CLIENT_ID, CLIENT_SECRET))
check(status == 200, f"password grant answered {status}: {body}")
user_client = gc.ApiClient(host=BASE_URL)
user_client.access_token = json.loads(body)["access_token"]
me = gc.UsersApi(user_client).get_users_me(expand=["presence", "authorization"])
check_user(me, "get_users_me")
check(me.email == EMAIL, f"users/me email {me.email}")
check_enum(me.presence.presence_definition.system_presence, "UserMe.presence.systemPresence")
check(me.authorization and "conversation:call:monitor" in me.authorization.permissions,
      "UserMe.authorization.permissions holds conversation:call:monitor")
check(any(r.name == "Supervisor" for r in me.authorization.roles), "UserMe.authorization.roles")

# 5. Setting presence through the SDK's model.
patch = gc.UserPresence()
patch.presence_definition = gc.PresenceDefinition()
patch.presence_definition.id = on_queue.id
patched = gc.PresenceApi(user_client).patch_user_presences_purecloud(me.id, patch)
check(patched.presence_definition.system_presence == "OnQueue", "patched presence is OnQueue")
again = gc.UsersApi(user_client).get_users_me(expand=["routingStatus"])
check(again.routing_status.status == "IDLE", f"routing status after OnQueue: {again.routing_status.status}")

# 6. Token info and grants.
info = gc.TokensApi(user_client).get_tokens_me()
check(info.organization.name == "Demo Contact Center", "TokenInfo.organization.name")
check_enum(info.o_auth_client.authorized_grant_type, "TokenInfo.OAuthClient.authorizedGrantType")
subject = gc.AuthorizationApi(user_client).get_authorization_subjects_me()
check(subject.grants and all(g.role.name and g.division.id for g in subject.grants), "AuthzSubject.grants")

# 7. PKCE and the confidential code grant through the SDK's helpers.
verifier = user_client.generate_pkce_code_verifier(64)
code = sign_in(PKCE_CLIENT_ID, user_client.compute_pkce_code_challenge(verifier))
pkce_client, token_body = gc.ApiClient(host=BASE_URL).get_pkce_token(PKCE_CLIENT_ID, verifier, code, REDIRECT_URI)
check(gc.UsersApi(pkce_client).get_users_me().email == EMAIL, "users/me with a PKCE token")
code = sign_in(CLIENT_ID)
code_client, _ = gc.ApiClient(host=BASE_URL).get_code_authorization_token(CLIENT_ID, CLIENT_SECRET, code, REDIRECT_URI)
old_refresh = code_client.refresh_token
code_client.refresh_code_authorization_token(CLIENT_ID, CLIENT_SECRET, old_refresh)
check(code_client.refresh_token and code_client.refresh_token != old_refresh, "refresh token rotated")

# 8. A 429 with Retry-After is retried by the SDK's urllib3 and then succeeds.
request = urllib.request.Request(BASE_URL + "/sim/v1/faults", method="PUT",
                                 data=json.dumps({"burst429": 1, "retryAfterSecs": 1}).encode(),
                                 headers={"Content-Type": "application/json"})
urllib.request.urlopen(request).read()
check(users_api.get_users(page_size=1).total == 60, "get_users after a retried 429")

# 9. A recorded call: 202 while transcoding, then 200 with a signed media URI; metadata,
# conversation metrics and the transcript file.
recording_api = gc.RecordingApi(user_client)
sta_api = gc.SpeechTextAnalyticsApi(user_client)
recorded = None
for conv in result.conversations:
    if conv.conversation_end is None:
        continue
    try:
        listing = recording_api.get_conversation_recordings(conv.conversation_id, format_id="NONE")
        recorded = (conv.conversation_id, listing[0])
        break
    except ApiException as e:
        check(e.status == 404, f"a call without a recording answers 404, not {e.status}")
check(recorded is not None, "a recorded call among the voice conversations")
conv_id, meta = recorded
check(meta.id and meta.start_time and meta.media_uris is None, "Recording with formatId=NONE")
check_enum(meta.file_state, "Recording.fileState")
deadline = time.time() + 60
while True:
    recordings = recording_api.get_conversation_recordings(conv_id, format_id="MP3", max_wait_ms=2000)
    if recordings[0].media_uris:
        break
    check(recordings[0].estimated_transcode_time_ms is not None, "a 202 entry carries estimatedTranscodeTimeMs")
    check(time.time() < deadline, "the transcode finishes within 60 s")
rec = recordings[0]
check(rec.output_size_in_bytes and rec.output_duration_ms, "Recording output fields")
for a in rec.annotations or []:
    check_enum(a.reason, "Annotation.reason")
with urllib.request.urlopen(rec.media_uris["S"].media_uri) as r:
    head = r.read(4)
check(head[0] == 0xFF and head[1] & 0xE0 == 0xE0, "the media URI serves MP3 frames")
metadata = recording_api.get_conversation_recordingmetadata(conv_id)
check(metadata[0].id == rec.id and not metadata[0].annotations, "RecordingMetadata has no system annotations")
metrics = sta_api.get_speechandtextanalytics_conversation(conv_id)
check_enum(metrics.sentiment_trend_class, "ConversationMetrics.sentimentTrendClass")
check(metrics.participant_metrics.agent_duration_percentage > 0, "ConversationMetrics.participantMetrics")
url = sta_api.get_speechandtextanalytics_conversation_communication_transcripturl(conv_id, rec.session_id).url
with urllib.request.urlopen(url) as r:
    transcript = json.loads(r.read())
check(transcript["transcripts"][0]["phrases"], "the transcript file has phrases")
expect_api_error(lambda: recording_api.get_conversation_recordings(str(uuid.uuid4()), format_id="WAV"), 404,
                 "not.found", "recordings of an unknown conversation")

print(f"python_sdk_check: OK ({checks} checks)")
