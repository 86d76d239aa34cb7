// Sign-in with the site's account (docs/sso.md): JWT vectors made here with
// OpenSSL for every algorithm and every way a token can be wrong, then the
// server over loopback: posts as the account, reserved names, required mode,
// votes per account, and anonymous trust keyed on (name, network).
#include <gtest/gtest.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <cstdio>
#include <ctime>

#include "server/server_harness.h"
#include "server/sso_token.h"

namespace soundoff::test {
namespace {

using nlohmann::json;

const std::string kSecret = "test-secret-0123456789abcdef0123456789abcdef";

// Encoding written here, not taken from the code under test.
std::string b64url(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return out;
}

std::int64_t now_s() { return static_cast<std::int64_t>(std::time(nullptr)); }

json claims(const std::string& sub = "u-1", const std::string& name = "Alice Reader") {
  return {{"sub", sub}, {"name", name}, {"iat", now_s()}, {"exp", now_s() + 600}};
}

std::string signing_input(const std::string& alg, const json& body) {
  return b64url(json{{"alg", alg}, {"typ", "JWT"}}.dump()) + "." + b64url(body.dump());
}

std::string hs256(const json& body, const std::string& secret = kSecret, const std::string& alg = "HS256") {
  const std::string input = signing_input(alg, body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + b64url(std::string(reinterpret_cast<char*>(mac), len));
}

// A key pair made for this run, with its public half in a PEM file.
struct KeyPair {
  EVP_PKEY* key = nullptr;
  std::string pem_file;
  std::string pem_text;
  KeyPair(EVP_PKEY* k, const std::string& file) : key(k), pem_file(file) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    PEM_write_PUBKEY(f, key);
    std::fclose(f);
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    pem_text.assign(data, static_cast<std::size_t>(n));
    BIO_free(bio);
  }
  ~KeyPair() { EVP_PKEY_free(key); }
  KeyPair(const KeyPair&) = delete;
  KeyPair& operator=(const KeyPair&) = delete;

  std::string sign(const std::string& alg, const json& body) const {
    const std::string input = signing_input(alg, body);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t len = 0;
    EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
    EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    std::string sig(len, '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &len,
                   reinterpret_cast<const unsigned char*>(input.data()), input.size());
    sig.resize(len);
    EVP_MD_CTX_free(ctx);
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {  // DER to JWS's r || s
      const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
      ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
      unsigned char raw[64];
      BN_bn2binpad(ECDSA_SIG_get0_r(es), raw, 32);
      BN_bn2binpad(ECDSA_SIG_get0_s(es), raw + 32, 32);
      ECDSA_SIG_free(es);
      sig.assign(reinterpret_cast<char*>(raw), 64);
    }
    return input + "." + b64url(sig);
  }
};

server::IdentityConfig identity(const std::string& alg, const std::string& key_file = "") {
  server::IdentityConfig c;
  c.mode = "optional";
  c.algorithm = alg;
  if (alg == "HS256") c.secret = kSecret;
  c.public_key_file = key_file;
  c.staff_roles = {"editor"};
  return c;
}

std::shared_ptr<const server::SsoVerifier> verifier(const server::IdentityConfig& c) {
  auto v = server::SsoVerifier::create(c);
  EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
  return v.ok() ? *v : nullptr;
}

// The message of a refused token ("" if it was accepted).
std::string refusal(const server::SsoVerifier& v, const std::string& token) {
  const auto r = v.verify(token, now_s());
  if (r.ok()) return "";
  EXPECT_EQ(r.error().code, "invalid_sso_token");
  return r.error().message;
}

class SsoToken : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(SsoToken, Hs256TokenNamesTheAccountWithRolesAndASafeAvatar) {
  const auto v = verifier(identity("HS256"));
  auto body = claims();
  body["roles"] = {"reader", "editor"};
  body["email"] = "alice@example.org";
  body["avatar"] = "https://img.example/alice.png";
  const auto account = v->verify(hs256(body), now_s());
  ASSERT_TRUE(account.ok()) << account.error().message;
  EXPECT_EQ(account->sub, "u-1");
  EXPECT_EQ(account->name, "Alice Reader");
  EXPECT_EQ(account->email, "alice@example.org");
  EXPECT_EQ(account->avatar, "https://img.example/alice.png");
  EXPECT_TRUE(account->staff);

  body["avatar"] = "javascript:alert(1)";
  body["roles"] = {"reader"};
  const auto plain = v->verify(hs256(body), now_s());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->avatar, "") << "only http(s) avatars are kept";
  EXPECT_FALSE(plain->staff);
}

TEST_F(SsoToken, Rs256AndEs256TokensVerifyWithTheConfiguredPublicKey) {
  KeyPair rsa(EVP_RSA_gen(2048), dir_.file("rsa.pem"));
  KeyPair ec(EVP_EC_gen("P-256"), dir_.file("ec.pem"));
  const auto rs = verifier(identity("RS256", rsa.pem_file));
  const auto es = verifier(identity("ES256", ec.pem_file));
  EXPECT_EQ(refusal(*rs, rsa.sign("RS256", claims())), "");
  EXPECT_EQ(refusal(*es, ec.sign("ES256", claims())), "");
  // The other key of the same type does not verify.
  KeyPair other_ec(EVP_EC_gen("P-256"), dir_.file("ec2.pem"));
  EXPECT_NE(refusal(*es, other_ec.sign("ES256", claims())).find("signature does not verify"), std::string::npos);
}

TEST_F(SsoToken, ExpiredAndNotYetValidTokensAreRefusedOutsideTheLeeway) {
  const auto v = verifier(identity("HS256"));
  auto body = claims();
  body["exp"] = now_s() - 30;  // within the default 60 s leeway
  EXPECT_EQ(refusal(*v, hs256(body)), "");
  body["exp"] = now_s() - 120;
  EXPECT_NE(refusal(*v, hs256(body)).find("expired"), std::string::npos);
  body = claims();
  body["nbf"] = now_s() + 300;
  EXPECT_NE(refusal(*v, hs256(body)).find("not valid yet"), std::string::npos);
  body.erase("exp");
  body.erase("nbf");
  EXPECT_NE(refusal(*v, hs256(body)).find("no exp"), std::string::npos);
}

TEST_F(SsoToken, WrongAudienceOrIssuerIsRefused) {
  auto c = identity("HS256");
  c.audience = "soundoff";
  c.issuer = "https://news.example";
  const auto v = verifier(c);
  auto body = claims();
  body["aud"] = json::array({"other", "soundoff"});
  body["iss"] = "https://news.example";
  EXPECT_EQ(refusal(*v, hs256(body)), "");
  body["aud"] = "other";
  EXPECT_NE(refusal(*v, hs256(body)).find("(aud)"), std::string::npos);
  body["aud"] = "soundoff";
  body["iss"] = "https://evil.example";
  EXPECT_NE(refusal(*v, hs256(body)).find("(iss)"), std::string::npos);
  body.erase("iss");
  EXPECT_NE(refusal(*v, hs256(body)).find("(iss)"), std::string::npos);
}

TEST_F(SsoToken, AlgNoneAndSwappedAlgorithmsAreRefused) {
  KeyPair rsa(EVP_RSA_gen(2048), dir_.file("rsa.pem"));
  const auto rs = verifier(identity("RS256", rsa.pem_file));
  const auto hs = verifier(identity("HS256"));
  const std::string unsigned_token = signing_input("none", claims()) + ".";
  EXPECT_NE(refusal(*hs, unsigned_token).find("accepts only HS256"), std::string::npos);
  EXPECT_NE(refusal(*hs, unsigned_token + "x").find("accepts only HS256"), std::string::npos);
  // The classic confusion: HS256 keyed with the RSA public key an RS256 site publishes.
  EXPECT_NE(refusal(*rs, hs256(claims(), rsa.pem_text)).find("accepts only RS256"), std::string::npos);
  // An RS256 token where HS256 is configured.
  EXPECT_NE(refusal(*hs, rsa.sign("RS256", claims())).find("accepts only HS256"), std::string::npos);
}

TEST_F(SsoToken, TamperedSignatureOrClaimsAndGarbageAreRefused) {
  const auto v = verifier(identity("HS256"));
  const std::string good = hs256(claims());
  // The signature's first character: all six of its bits are signature bits
  // (the last character's low bits are padding a decoder may ignore).
  std::string bad_sig = good;
  char& first_sig_char = bad_sig[bad_sig.rfind('.') + 1];
  first_sig_char = first_sig_char == 'A' ? 'B' : 'A';
  EXPECT_NE(refusal(*v, bad_sig), "");
  // Same header and signature, claims of someone else.
  const auto dot1 = good.find('.');
  const auto dot2 = good.find('.', dot1 + 1);
  const std::string swapped = good.substr(0, dot1 + 1) + b64url(claims("admin", "Admin").dump()) + good.substr(dot2);
  EXPECT_NE(refusal(*v, swapped).find("signature does not verify"), std::string::npos);
  EXPECT_NE(refusal(*v, hs256(claims(), "another-secret-0123456789abcdef0123456789")), "");
  for (const std::string garbage : {"", "abc", "a.b", "a.b.c", "a.b.c.d", "...", "@@.@@.@@", "eyJhbGciOiJIUzI1NiJ9.."})
    EXPECT_NE(refusal(*v, garbage), "") << garbage;
  auto nameless = claims();
  nameless.erase("name");
  EXPECT_NE(refusal(*v, hs256(nameless)).find("no name"), std::string::npos);
  EXPECT_NE(refusal(*v, hs256(claims("u-1", "Evil\nName"))).find("control"), std::string::npos);
}

TEST_F(SsoToken, BadIdentityConfigIsRefusedWithTheKeyNamed) {
  auto write = [&](const std::string& text) {
    std::FILE* f = std::fopen(dir_.file("c.json").c_str(), "wb");
    std::fputs(text.c_str(), f);
    std::fclose(f);
    return server::load_config_file(dir_.file("c.json"), {});
  };
  auto r = write(R"({"identity": {"mode": "optional", "algorithm": "HS256", "secret": "short"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("identity.secret"), std::string::npos);
  r = write(R"({"identity": {"mode": "optional", "algorithm": "none"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("identity.algorithm"), std::string::npos);
  r = write(R"({"identity": {"mode": "sometimes"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("identity.mode"), std::string::npos);
  auto c = identity("ES256", dir_.file("missing.pem"));
  EXPECT_FALSE(server::SsoVerifier::create(c).ok());
}

// ---- The server over loopback ----

const std::string kThread = "sso-article";
const std::string kPath = "/api/threads/" + kThread + "/comments";

class SsoApi : public ::testing::Test {
 protected:
  void start(const std::string& mode) {
    auto c = test_config(dir_);
    c.trusted_proxies = {"127.0.0.1"};  // so a test can speak from several networks
    c.spam_policy = SpamPolicy{};
    c.identity = identity("HS256");
    c.identity.mode = mode;
    server_ = std::make_unique<InProcessServer>(c);
  }
  httplib::Result post(const json& body, const std::string& ip, const std::string& token = "") {
    httplib::Headers h{{"X-Forwarded-For", ip}};
    if (!token.empty()) h.emplace("X-Soundoff-User", token);
    return post_json(*server_->client(), kPath, body.dump(), h);
  }
  httplib::Result vote(const std::string& id, const std::string& ip, const std::string& token) {
    httplib::Headers h{{"X-Forwarded-For", ip}};
    if (!token.empty()) h.emplace("X-Soundoff-User", token);
    return post_json(*server_->client(), "/api/comments/" + id + "/vote", R"({"value": 1})", h);
  }
  std::string first_author() {
    const auto page = body_json(server_->client()->Get(kPath));
    const auto all = flatten_page(page);
    return all.empty() ? "" : all.front()["author"].get<std::string>();
  }
  TempDir dir_;
  std::unique_ptr<InProcessServer> server_;
};

TEST_F(SsoApi, ASignedInPostIsWrittenAsTheAccountWhateverTheAuthorFieldSays) {
  start("optional");
  const auto res =
      post({{"author", "Someone Else"}, {"body", "Hello from my account."}}, "203.0.113.5", hs256(claims()));
  ASSERT_TRUE(res && res->status == 201) << (res ? res->body : "no response");
  EXPECT_EQ(first_author(), "Alice Reader");
}

TEST_F(SsoApi, AnAnonymousPostUnderAnAccountsNameIsRefusedByItsNameKey) {
  start("optional");
  ASSERT_EQ(post({{"body", "I am Alice."}}, "203.0.113.5", hs256(claims()))->status, 201);
  for (const std::string borrowed : {"Alice Reader", "ALICE READER", "alice_reader!"}) {
    const auto res = post({{"author", borrowed}, {"body", "I am Alice too."}}, "198.51.100.7");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 409) << borrowed << ": " << res->body;
    EXPECT_EQ(body_json(res)["code"], "name_reserved");
  }
  // Another account may not take the name either; a different name is fine.
  const auto other = post({{"body", "Me?"}}, "198.51.100.7", hs256(claims("u-2", "alice reader")));
  ASSERT_TRUE(other);
  EXPECT_EQ(body_json(other)["code"], "name_taken");
  EXPECT_EQ(post({{"author", "Bob"}, {"body", "Just Bob."}}, "198.51.100.7")->status, 201);
}

TEST_F(SsoApi, ABadTokenIsRefusedNotTreatedAsAnonymous) {
  start("optional");
  auto expired = claims();
  expired["exp"] = now_s() - 3600;
  for (const std::string& token : {hs256(expired), std::string("garbage"), hs256(claims(), std::string(40, 'x'))}) {
    const auto res = post({{"author", "Mallory"}, {"body", "Hi."}}, "203.0.113.9", token);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    EXPECT_EQ(body_json(res)["code"], "invalid_sso_token");
  }
}

TEST_F(SsoApi, RequiredModeRefusesAnonymousPostsAndVotes) {
  start("required");
  const auto anon = post({{"author", "Anon"}, {"body", "Let me in."}}, "203.0.113.9");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 401);
  EXPECT_EQ(body_json(anon)["code"], "sign_in_required");
  const auto signed_in = post({{"body", "Subscriber here."}}, "203.0.113.9", hs256(claims()));
  ASSERT_TRUE(signed_in && signed_in->status == 201) << signed_in->body;
  const auto v = vote(body_json(signed_in)["id"], "203.0.113.10", "");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->status, 401);
}

TEST_F(SsoApi, VotesCountOncePerAccountFromAnyNetwork) {
  start("optional");
  const auto posted = post({{"author", "Writer"}, {"body", "Vote on me."}}, "192.0.2.1");
  ASSERT_TRUE(posted && posted->status == 201);
  const std::string id = body_json(posted)["id"];
  const std::string carol = hs256(claims("u-3", "Carol"));
  const auto first = vote(id, "198.51.100.1", carol);
  ASSERT_TRUE(first && first->status == 200) << first->body;
  const auto again = vote(id, "203.0.113.77", carol);  // same account, another network
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  // Another account on Carol's network has a voice of its own, and so does the network itself.
  const auto dave = vote(id, "198.51.100.1", hs256(claims("u-4", "Dave")));
  ASSERT_TRUE(dave && dave->status == 200);
  const auto anon = vote(id, "198.51.100.1", "");
  ASSERT_TRUE(anon && anon->status == 200);
  EXPECT_EQ(body_json(anon)["up"], 3);
}

TEST_F(SsoApi, BorrowingAKnownNameFromAnotherNetworkBorrowsNoTrust) {
  start("anonymous");
  ASSERT_EQ(body_json(post({{"author", "Regular"}, {"body", "A thoughtful first comment."}}, "192.0.2.10"))["status"],
            "published");
  const json linked = {{"author", "Regular"}, {"body", "More on this here: https://example.org/report today"}};
  // At home the name is known: its link is published.
  EXPECT_EQ(body_json(post(linked, "192.0.2.10"))["status"], "published");
  // From another network the same name is a first-time author: the link waits for a moderator.
  EXPECT_EQ(body_json(post(linked, "203.0.113.200"))["status"], "pending");
}

}  // namespace
}  // namespace soundoff::test
