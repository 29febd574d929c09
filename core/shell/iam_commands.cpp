// Invoke Lab core: `aws iam …` commands for execution roles: create-role, get-role,
// list-roles, attach/detach-role-policy, list-attached-role-policies, put/get/delete-role-policy,
// list-role-policies. Printed as AWS CLI v2 prints them (timestamps as ISO 8601 with +00:00).
#include "shell/shell.h"
#include "util/timefmt.h"
#include "util/json_text.h"

namespace invokelab {
namespace {

// The trust policy a Lambda execution role carries (what the console writes).
ojson lambda_trust_policy() {
    return ojson{{"Version", "2012-10-17"},
                 {"Statement", ojson::array({ojson{{"Effect", "Allow"}, {"Principal", ojson{{"Service", "lambda.amazonaws.com"}}},
                                                   {"Action", "sts:AssumeRole"}}})}};
}

ojson role_json(const IamRole& r) {
    const ojson trust = r.assume_role_policy.is_null() ? lambda_trust_policy() : r.assume_role_policy;
    return ojson{{"Path", r.path}, {"RoleName", r.name}, {"RoleId", r.role_id}, {"Arn", r.arn},
                 {"CreateDate", iso8601_seconds(r.created_at) + "+00:00"}, {"AssumeRolePolicyDocument", trust},
                 {"MaxSessionDuration", 3600}};
}

const IamRole& role_arg(CommandContext& ctx) {
    const std::string name = ctx.args.get("--role-name");
    if (const IamRole* r = ctx.world.iam.find_role(name)) return *r;
    throw AwsError("NoSuchEntity", 404, "The role with name " + name + " cannot be found.");
}

CommandResult create_role(CommandContext& ctx) {
    const std::string name = ctx.args.get("--role-name");
    if (ctx.world.iam.find_role(name)) throw AwsError("EntityAlreadyExists", 409, "Role with name " + name + " already exists.");
    const ojson trust = parse_learner_json(ctx.value_or_file("--assume-role-policy-document"));
    if (trust.is_discarded() || !trust.is_object())
        throw AwsError("MalformedPolicyDocument", 400, "This policy contains invalid Json");
    IamRole& r = ctx.world.iam.create_role(name, ctx.args.get("--path", "/"));
    r.assume_role_policy = trust;
    return ctx.json(ojson{{"Role", role_json(r)}});
}

CommandResult get_role(CommandContext& ctx) {
    ojson role = role_json(role_arg(ctx));
    role["RoleLastUsed"] = ojson::object();
    return ctx.json(ojson{{"Role", std::move(role)}});
}

CommandResult list_roles(CommandContext& ctx) {
    ojson roles = ojson::array();
    for (const auto& [name, r] : ctx.world.iam.roles()) roles.push_back(role_json(r));
    return ctx.json(ojson{{"Roles", std::move(roles)}});
}

CommandResult attach_role_policy(CommandContext& ctx) {
    ctx.world.iam.attach_role_policy(ctx.args.get("--role-name"), ctx.args.get("--policy-arn"));
    return ctx.empty();
}

CommandResult detach_role_policy(CommandContext& ctx) {
    ctx.world.iam.detach_role_policy(ctx.args.get("--role-name"), ctx.args.get("--policy-arn"));
    return ctx.empty();
}

CommandResult list_attached_role_policies(CommandContext& ctx) {
    ojson list = ojson::array();
    for (const auto& arn : role_arg(ctx).attached_policy_arns)
        list.push_back(ojson{{"PolicyName", IamService::managed_policy_name(arn)}, {"PolicyArn", arn}});
    return ctx.json(ojson{{"AttachedPolicies", std::move(list)}});
}

CommandResult put_role_policy(CommandContext& ctx) {
    ctx.world.iam.put_role_policy(ctx.args.get("--role-name"), ctx.args.get("--policy-name"),
                                  ctx.value_or_file("--policy-document"));
    return ctx.empty();
}

CommandResult get_role_policy(CommandContext& ctx) {
    const IamRole& r = role_arg(ctx);
    const std::string name = ctx.args.get("--policy-name");
    auto it = r.inline_policies.find(name);
    if (it == r.inline_policies.end())
        throw AwsError("NoSuchEntity", 404, "The role policy with name " + name + " cannot be found.");
    return ctx.json(ojson{{"RoleName", r.name}, {"PolicyName", name}, {"PolicyDocument", it->second}});
}

CommandResult delete_role_policy(CommandContext& ctx) {
    ctx.world.iam.delete_role_policy(ctx.args.get("--role-name"), ctx.args.get("--policy-name"));
    return ctx.empty();
}

CommandResult list_role_policies(CommandContext& ctx) {
    ojson names = ojson::array();
    for (const auto& [name, doc] : role_arg(ctx).inline_policies) names.push_back(name);
    return ctx.json(ojson{{"PolicyNames", std::move(names)}});
}

} // namespace

void register_iam_commands(Shell& shell) {
    auto& r = shell.registry();
    r.add({"iam", "create-role", "CreateRole",
           {{"--role-name", true, true}, {"--assume-role-policy-document", true, true}, {"--path"}, {"--description"}}, {}, create_role});
    r.add({"iam", "get-role", "GetRole", {{"--role-name", true, true}}, {}, get_role});
    r.add({"iam", "list-roles", "ListRoles", {{"--path-prefix"}}, {}, list_roles});
    r.add({"iam", "attach-role-policy", "AttachRolePolicy", {{"--role-name", true, true}, {"--policy-arn", true, true}}, {},
           attach_role_policy});
    r.add({"iam", "detach-role-policy", "DetachRolePolicy", {{"--role-name", true, true}, {"--policy-arn", true, true}}, {},
           detach_role_policy});
    r.add({"iam", "list-attached-role-policies", "ListAttachedRolePolicies", {{"--role-name", true, true}}, {},
           list_attached_role_policies});
    r.add({"iam", "put-role-policy", "PutRolePolicy",
           {{"--role-name", true, true}, {"--policy-name", true, true}, {"--policy-document", true, true}}, {}, put_role_policy});
    r.add({"iam", "get-role-policy", "GetRolePolicy", {{"--role-name", true, true}, {"--policy-name", true, true}}, {},
           get_role_policy});
    r.add({"iam", "delete-role-policy", "DeleteRolePolicy", {{"--role-name", true, true}, {"--policy-name", true, true}}, {},
           delete_role_policy});
    r.add({"iam", "list-role-policies", "ListRolePolicies", {{"--role-name", true, true}}, {}, list_role_policies});
}

} // namespace invokelab
