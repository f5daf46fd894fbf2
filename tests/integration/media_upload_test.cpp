// Issue 18, the server side: pictures uploaded (or fetched from a link), checked from their bytes,
// fitted to carriers with libvips, uploaded to Plivo's Media API at dispatch and sent with
// media_ids; links checked before any money is spent. Real mmsgate, real simulator process, real
// database (both backends), pictures made with libvips in the test.
#include "integration/fixture.hpp"
#include "integration/link_host.hpp"
#include "integration/media_fixtures.hpp"

#include "core/encoding.hpp"
#include "plivo/multipart.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>

namespace mmsgate::testing {

namespace {

using ::testing::HasSubstr;

constexpr std::size_t kTarget = 600 * 1024; // MMSGATE_MEDIA_TARGET_BYTES's default

}

class MediaUploadTest : public MmsgateTest {
protected:
    void prepare() override { }

    void start(std::map<std::string, std::string> extra = {})
    {
        extra.emplace("MMSGATE_PREFLIGHT_TIMEOUT_MS", "1500");
        extra.emplace("MMSGATE_RETRY_FIRST_DELAY_MS", "3000");
        start_signed_in(extra);
    }

    HttpReply upload(std::string bytes, std::string file_name, std::string declared_type)
    {
        auto body = build_multipart({ MultipartPart { "file", std::move(file_name), std::move(declared_type), std::move(bytes) } });
        return m_client->request("POST", "/api/uploads", body.body, { "Content-Type: " + body.content_type });
    }

    nlohmann::json uploaded(std::string bytes, std::string file_name = "photo.jpg", std::string type = "image/jpeg")
    {
        auto reply = upload(std::move(bytes), std::move(file_name), std::move(type));
        EXPECT_EQ(reply.status, 201) << reply.body;
        return reply.json();
    }

    HttpReply send_uploads(std::vector<std::string> const& ids, std::string text = "Look at this")
    {
        return m_client->post_json("/api/send-mms", { { "to", "+1 415 555 0111" }, { "text", text }, { "upload_ids", ids } });
    }

    nlohmann::json preflight(std::string const& url)
    {
        auto reply = m_client->post_json("/api/media/preflight", { { "url", url } });
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json();
    }

    nlohmann::json sim_uploads()
    {
        HttpClient client(simulator().base_url());
        return client.get("/_sim/uploads").json()["uploads"];
    }

    std::size_t plivo_calls() { return simulator().messages().size() + sim_uploads().size(); }
};

TEST_P(MediaUploadTest, PortraitPhotoWithGpsIsFittedUprightStrippedAndSentWithMediaIds)
{
    start();
    auto photo = portrait_photo_with_gps();
    ASSERT_GT(photo.size(), 3'500'000u);
    auto answer = uploaded(photo, "IMG_0042.JPG");
    EXPECT_EQ(answer["content_type"], "image/jpeg");
    EXPECT_EQ(answer["original_bytes"], photo.size());
    EXPECT_LE(answer["bytes"].get<std::size_t>(), kTarget);
    EXPECT_TRUE(answer["fitted"].get<bool>());
    EXPECT_LT(answer["width"].get<int>(), answer["height"].get<int>()) << "turned upright: portrait";
    EXPECT_EQ(answer["filename"], "IMG_0042.JPG");
    auto id = answer["id"].get<std::string>();
    EXPECT_EQ(answer["url"], "/api/media/" + m_database->query("SELECT media_id FROM mmsgate_upload WHERE id = '" + id + "'").at(0).at(0));

    // mmsgate's copy, served for the preview, is the fitted file.
    auto copy = m_client->get(answer["url"].get<std::string>());
    EXPECT_EQ(copy.status, 200);
    EXPECT_EQ(copy.body.size(), answer["bytes"].get<std::size_t>());

    auto sent = send_uploads({ id });
    ASSERT_TRUE(is_accepted(sent.status)) << sent.body;
    ASSERT_TRUE(eventually([&] { return simulator().messages().size() == 1; }));
    auto request = simulator().messages()[0]["request"];
    auto uploads = sim_uploads();
    ASSERT_EQ(uploads.size(), 1u);
    EXPECT_EQ(request["media_ids"], nlohmann::json::array({ uploads[0]["media_id"] })) << request.dump();
    EXPECT_FALSE(request.contains("media_urls") && !request["media_urls"].empty()) << request.dump();

    auto received = base64_decode(uploads[0]["data_base64"].get<std::string>());
    ASSERT_TRUE(received);
    EXPECT_LE(received->size(), kTarget);
    EXPECT_EQ(received->find(std::string("Exif\0\0", 6)), std::string::npos) << "no EXIF segment";
    auto decoded = decode_header(*received);
    EXPECT_LT(decoded.width, decoded.height) << "upright without any orientation tag";
    EXPECT_FALSE(decoded.has_exif);
    EXPECT_FALSE(decoded.has_xmp);
    EXPECT_FALSE(decoded.has_icc);

    // History carries the upload for thumbnails.
    auto history = m_client->get("/api/messages").json();
    ASSERT_EQ(history["messages"].size(), 1u);
    auto media = history["messages"][0]["media"];
    ASSERT_EQ(media.size(), 1u) << history.dump();
    EXPECT_EQ(media[0]["id"], id);
    EXPECT_EQ(media[0]["url"], answer["url"]);
    EXPECT_EQ(media[0]["content_type"], "image/jpeg");
}

TEST_P(MediaUploadTest, FilesThatAreNotAcceptablePicturesAreRefusedWithAReasonAndNothingIsSent)
{
    start({ { "MMSGATE_SEND_MEDIA_MAX_TOTAL_BYTES", "51200" } });
    std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    auto renamed = upload(pdf, "holiday.jpg", "image/jpeg");
    EXPECT_EQ(renamed.status, 400) << renamed.body;
    EXPECT_THAT(renamed.json().value("error", ""), HasSubstr("not what it claims"));
    EXPECT_EQ(renamed.json().value("field", ""), "file");

    auto real_pdf = upload(pdf, "invoice.pdf", "application/pdf");
    EXPECT_EQ(real_pdf.status, 415) << real_pdf.body;

    auto svg = upload(R"(<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>)",
        "logo.png", "image/png");
    EXPECT_EQ(svg.status, 400) << svg.body;
    EXPECT_THAT(svg.json().value("error", ""), HasSubstr("SVG"));

    auto bomb = upload(png_header_only(50'000, 50'000), "huge.png", "image/png");
    EXPECT_EQ(bomb.status, 400) << bomb.body;
    EXPECT_THAT(bomb.json().value("error", ""), HasSubstr("50000 × 50000"));

    // An 11th file.
    auto small = uploaded(noise_jpeg(64), "dot.jpg");
    std::vector<std::string> eleven;
    for (int i = 0; i < 11; ++i)
        eleven.push_back(uploaded(noise_jpeg(64), fmt::format("dot{}.jpg", i))["id"].get<std::string>());
    auto too_many = send_uploads(eleven);
    EXPECT_EQ(too_many.status, 400) << too_many.body;
    EXPECT_THAT(too_many.json().value("error", ""), HasSubstr("at most 10"));
    EXPECT_EQ(too_many.json().value("field", ""), "upload_ids");

    // Over the total a message may carry (51,200 bytes here).
    auto first = uploaded(noise_jpeg(300), "a.jpg");
    auto second = uploaded(noise_jpeg(310), "b.jpg");
    ASSERT_GT(first["bytes"].get<int>() + second["bytes"].get<int>(), 51200);
    auto over = send_uploads({ first["id"].get<std::string>(), second["id"].get<std::string>() });
    EXPECT_EQ(over.status, 400) << over.body;
    EXPECT_THAT(over.json().value("error", ""), HasSubstr("more than the 50 KB"));

    // Someone else's upload.
    add_user("bob@example.com", "another good password");
    HttpClient bob(m_server->base_url());
    ASSERT_EQ(bob.login("bob@example.com", "another good password").status, 200);
    auto foreign = bob.post_json("/api/send-mms", { { "to", "+14155550111" }, { "upload_ids", { small["id"] } } });
    EXPECT_EQ(foreign.status, 403) << foreign.body;

    EXPECT_EQ(plivo_calls(), 0u);
    EXPECT_EQ(m_database->query("SELECT count(*) FROM mmsgate_send_request").at(0).at(0), "0");
}

TEST_P(MediaUploadTest, PreflightRefusesBadLinksBeforeAnyPlivoCallAndALargeImageIsFetchedFittedAndAttached)
{
    auto photo = portrait_photo_with_gps();
    LinkHost host({
        { "/no-length.jpg", { http_answer("HTTP/1.1 200 OK", "Content-Type: image/jpeg\r\nTransfer-Encoding: chunked\r\n", "4\r\nabcd\r\n0\r\n\r\n") } },
        { "/to-private.jpg", { http_answer("HTTP/1.1 302 Found", "Location: http://10.1.2.3/cat.jpg\r\nContent-Length: 0\r\n", "") } },
        { "/slow.jpg", { http_answer("HTTP/1.1 200 OK", "Content-Type: image/jpeg\r\nContent-Length: 4\r\n", "abcd"), std::chrono::milliseconds(5000) } },
        { "/small.jpg", { http_answer("HTTP/1.1 200 OK", "Content-Type: image/jpeg\r\nContent-Length: 4\r\n", "abcd") } },
        { "/photo.jpg",
            { http_answer("HTTP/1.1 200 OK", fmt::format("Content-Type: image/jpeg\r\nContent-Length: {}\r\n", photo.size()), photo) } },
    });
    start({ { "MMSGATE_PREFLIGHT_TEST_ALLOW_LOOPBACK_PORT", std::to_string(host.port()) } });

    auto no_length = preflight(host.url("/no-length.jpg"));
    EXPECT_EQ(no_length["verdict"], "refused");
    EXPECT_THAT(no_length["reason"].get<std::string>(), HasSubstr("Content-Length"));

    auto to_private = preflight(host.url("/to-private.jpg"));
    EXPECT_EQ(to_private["verdict"], "refused");
    EXPECT_THAT(to_private["reason"].get<std::string>(), HasSubstr("10.1.2.3"));

    // The allowance is for the test host's port only: another loopback port is what it always is.
    auto loopback = preflight(fmt::format("https://localhost:{}/cat.jpg", host.port() == 65535 ? 1 : host.port() + 1));
    EXPECT_EQ(loopback["verdict"], "refused");
    EXPECT_THAT(loopback["reason"].get<std::string>(), HasSubstr("resolves to"));

    auto slow = preflight(host.url("/slow.jpg"));
    EXPECT_EQ(slow["verdict"], "refused");
    EXPECT_THAT(slow["reason"].get<std::string>(), HasSubstr("in time"));

    auto small = preflight(host.url("/small.jpg"));
    EXPECT_EQ(small["verdict"], "ok") << small.dump();
    EXPECT_EQ(small["status"], 200);
    EXPECT_EQ(small["content_length"], 4);
    EXPECT_EQ(plivo_calls(), 0u);

    auto large = preflight(host.url("/photo.jpg"));
    EXPECT_EQ(large["verdict"], "too_large") << large.dump();
    EXPECT_TRUE(large["image"].get<bool>());
    EXPECT_EQ(large["content_length"], photo.size());

    auto fetched = m_client->post_json("/api/uploads/from-url", { { "url", host.url("/photo.jpg") } });
    ASSERT_EQ(fetched.status, 201) << fetched.body;
    EXPECT_LE(fetched.json()["bytes"].get<std::size_t>(), kTarget);
    EXPECT_EQ(fetched.json()["filename"], "photo.jpg");

    auto refused_fetch = m_client->post_json("/api/uploads/from-url", { { "url", host.url("/to-private.jpg") } });
    EXPECT_EQ(refused_fetch.status, 400) << refused_fetch.body;
    EXPECT_EQ(refused_fetch.json().value("field", ""), "url");

    auto sent = send_uploads({ fetched.json()["id"].get<std::string>() });
    ASSERT_TRUE(is_accepted(sent.status)) << sent.body;
    ASSERT_TRUE(eventually([&] { return simulator().messages().size() == 1; }));
    EXPECT_EQ(simulator().messages()[0]["request"]["media_ids"].size(), 1u);
}

// Held past Plivo's 6-hour expiry of unused uploads: the first attempt uploads the file and then
// fails safely (the simulator drops the send before taking it); before the retry the test ages
// the stored upload time in the database by 6 hours (mmsgate_upload.plivo_uploaded_at) and the
// simulator expires its unused uploads, as Plivo would have. The retry uploads again and sends once.
TEST_P(MediaUploadTest, MessageHeldPastSixHoursUploadsItsMediaAgainAndIsSentOnce)
{
    start();
    auto id = uploaded(noise_jpeg(200), "held.jpg")["id"].get<std::string>();
    simulator().set_faults({ { "refuse_texts", { "held" } } });
    auto sent = send_uploads({ id }, "held");
    ASSERT_EQ(sent.status / 100, 2) << sent.body;
    ASSERT_TRUE(eventually([&] { return sim_uploads().size() == 1; }));
    m_database->execute("UPDATE mmsgate_upload SET plivo_uploaded_at = plivo_uploaded_at - 21600000 WHERE id = '" + id + "'");
    HttpClient control(simulator().base_url());
    ASSERT_EQ(control.post_json("/_sim/uploads/expire", nlohmann::json::object()).status, 200);

    ASSERT_TRUE(eventually([&] { return deliveries_by_text(simulator().messages())["held"] == 1; }, std::chrono::seconds(20)))
        << m_server->process().output();
    auto uploads = sim_uploads();
    ASSERT_EQ(uploads.size(), 2u);
    auto messages = simulator().messages();
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0]["request"]["media_ids"], nlohmann::json::array({ uploads[1]["media_id"] }));
    EXPECT_EQ(deliveries_by_text(messages)["held"], 1);
}

MMSGATE_ON_EVERY_BACKEND(MediaUploadTest);

}
