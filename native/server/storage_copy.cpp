#include "server/storage_copy.h"

#include <algorithm>

#include "server/account_copy.h"
#include "server/registry_copy.h"
#include "soundoff/hash.h"

namespace soundoff::server {

namespace {

// FNV-1a 64 over length-prefixed fields, so ("ab", "c") and ("a", "bc") differ.
class Checksum {
 public:
  void add(const std::string& field) {
    add_bytes(std::to_string(field.size()) + ":");
    add_bytes(field);
  }
  void add(std::int64_t number) { add(std::to_string(number)); }
  std::uint64_t value() const { return h_; }

 private:
  void add_bytes(const std::string& bytes) { h_ = fnv1a64(bytes, h_); }
  std::uint64_t h_ = kFnv1a64OffsetBasis;
};

std::int64_t id_number(const std::string& id) { return parse_comment_id(id).value_or(0); }

}  // namespace

std::vector<TableSummary> summarize(const StorageDump& dump) {
  std::vector<const HeldComment*> comments;
  for (const auto& c : dump.comments) comments.push_back(&c);
  std::sort(comments.begin(), comments.end(), [](const HeldComment* a, const HeldComment* b) {
    return id_number(a->comment.id) < id_number(b->comment.id);
  });
  Checksum c;
  for (const HeldComment* h : comments) {
    const Comment& x = h->comment;
    c.add(x.id);
    c.add(x.thread);
    c.add(x.parent);
    c.add(x.author);
    c.add(h->email);
    c.add(x.body);
    c.add(x.external_id);
    c.add(x.created_ms);
    c.add(std::string(status_name(x.status)));
    c.add(x.up);
    c.add(x.down);
    c.add(x.reports);
    c.add(reasons_to_json(h->reasons));
    c.add(h->ip);
    c.add(x.pinned);
    c.add(x.edited_ms);
    c.add(x.badge);
    c.add(h->edit_key_hash);  // so authors can still edit their comments after the move
  }

  std::vector<const ReportRow*> reports;
  for (const auto& r : dump.reports) reports.push_back(&r);
  std::sort(reports.begin(), reports.end(), [](const ReportRow* a, const ReportRow* b) {
    const auto ia = id_number(a->comment_id), ib = id_number(b->comment_id);
    return ia != ib ? ia < ib : a->reporter < b->reporter;
  });
  Checksum r;
  for (const ReportRow* row : reports) {
    r.add(row->thread);
    r.add(row->comment_id);
    r.add(row->reporter);
    r.add(row->created_ms);
  }

  std::vector<const VoteRow*> votes;
  for (const auto& v : dump.votes) votes.push_back(&v);
  std::sort(votes.begin(), votes.end(), [](const VoteRow* a, const VoteRow* b) {
    const auto ia = id_number(a->comment_id), ib = id_number(b->comment_id);
    return ia != ib ? ia < ib : a->voter < b->voter;
  });
  Checksum v;
  for (const VoteRow* row : votes) {
    v.add(row->thread);
    v.add(row->comment_id);
    v.add(row->voter);
    v.add(row->value);
    v.add(row->created_ms);
  }
  return {{"comments", comments.size(), c.value()},
          {"reports", reports.size(), r.value()},
          {"votes", votes.size(), v.value()}};
}

Result<CopyReport> copy_storage(Storage& from, Storage& to) {
  const auto existing = to.comment_total();
  if (!existing) return existing.error();
  if (*existing != 0)
    return Error{"target_not_empty", "the target already holds " + std::to_string(*existing) +
                                         " comments; migrate into an empty database (nothing was copied)"};
  if (auto empty = check_accounts_empty(to); !empty) return empty.error();
  auto source = from.dump();
  if (!source) return source.error();
  if (auto restored = to.restore(*source); !restored) return restored.error();
  auto copied = to.dump();
  if (!copied) return copied.error();
  CopyReport report{summarize(*source), summarize(*copied)};
  for (std::size_t i = 0; i < report.source.size(); ++i) {
    const auto& s = report.source[i];
    const auto& t = report.target[i];
    if (s.rows != t.rows || s.checksum != t.checksum)
      return Error{"checksum_mismatch", "table " + s.table + ": the source has " + std::to_string(s.rows) +
                                            " rows, the target returns " + std::to_string(t.rows) +
                                            " and their checksums differ"};
  }
  // The desk's accounts and audit log (schema v5) come along.
  auto accounts = copy_accounts(from, to);
  if (!accounts) return accounts.error();
  report.source.insert(report.source.end(), accounts->source.begin(), accounts->source.end());
  report.target.insert(report.target.end(), accounts->target.begin(), accounts->target.end());
  if (auto registry = copy_registry(from, to); !registry) return registry.error();
  // The site model learnt from moderators (schema v12, docs/spam.md), read back to check it.
  auto model = from.load_site_model();
  if (!model) return model.error();
  if (auto stored = to.replace_site_model(*model, nullptr); !stored) return stored.error();
  auto model_copy = to.load_site_model();
  if (!model_copy) return model_copy.error();
  if (model_copy->to_json() != model->to_json())
    return Error{"checksum_mismatch", "the site model the target returns differs from the source's"};
  // ...and what each judged comment taught it, so a later reversal un-learns it there too.
  auto learned = from.learned_comments();
  if (!learned) return learned.error();
  if (auto put = to.put_learned_markers(*learned); !put) return put.error();
  auto learned_copy = to.learned_comments();
  if (!learned_copy) return learned_copy.error();
  const auto same = [](const LearnedComment& a, const LearnedComment& b) {
    return a.id == b.id && a.spam == b.spam && a.buckets == b.buckets && a.seq == b.seq;
  };
  if (!std::equal(learned->begin(), learned->end(), learned_copy->begin(), learned_copy->end(), same))
    return Error{"checksum_mismatch",
                 "the judged comments' site model markers the target returns differ from the "
                 "source's (" +
                     std::to_string(learned->size()) + " judged)"};
  return report;
}

}  // namespace soundoff::server
