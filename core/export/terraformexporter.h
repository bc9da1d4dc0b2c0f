// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// Terraform module for the hashicorp/aws provider 6.25.0 (and hashicorp/archive 2.7.1 to zip
/// function code): main.tf, variables.tf and outputs.tf.
///
/// main.tf, in this order:
///  1. a header comment (project name and description), the terraform block pinning the
///     providers, the aws provider (region from var.region) and the data sources used
///     (aws_caller_identity);
///  2. one section per component, in file order, holding the resources the component owns and
///     the way it invokes its targets:
///     - sqs-queue: aws_sqs_queue (redrive_policy from its dead-letter connection), its
///       aws_sqs_queue_policy when SNS or EventBridge deliver to it, then one
///       aws_lambda_event_source_mapping per trigger;
///     - sns-topic: aws_sns_topic, its aws_sns_topic_policy when EventBridge rules publish to
///       it, then per trigger an aws_lambda_permission and an aws_sns_topic_subscription;
///     - s3-bucket: aws_s3_bucket, per trigger an aws_lambda_permission, then the bucket's one
///       aws_s3_bucket_notification;
///     - dynamodb-table: aws_dynamodb_table, then one event source mapping per trigger;
///     - kinesis-stream: aws_kinesis_stream, an aws_kinesis_stream_consumer per trigger with
///       Consumer true, then one event source mapping per trigger;
///     - eventbridge-bus: aws_cloudwatch_event_bus (a data source for the bus named default);
///     - msk-cluster: one event source mapping per trigger (the cluster is an input variable);
///     - lambda-function: data archive_file, aws_cloudwatch_log_group, aws_iam_role,
///       aws_iam_role_policy (least privilege), aws_lambda_function, aws_lambda_alias and
///       aws_lambda_provisioned_concurrency_config (ProvisionedConcurrentExecutions),
///       aws_lambda_function_event_invoke_config, aws_lambda_function_recursion_config;
///     - apigateway-http: aws_apigatewayv2_api, its JWT authorizer, per route an integration,
///       a route and a permission, then the stage;
///     - apigateway-rest: aws_api_gateway_rest_api, its Cognito authorizer, the resources of
///       every path segment, per route a method, an integration and a permission, the CORS
///       preflight methods, then the deployment and the stage;
///     - eventbridge-rule: aws_cloudwatch_event_rule, then per connection in file order its
///       aws_cloudwatch_event_target (with the permission for a function, the role for a bus);
///     - eventbridge-schedule: per connection in file order an IAM role, its policy and an
///       aws_scheduler_schedule;
///  3. with ExportOptions::alarms, the aws_cloudwatch_metric_alarm resources, by component in
///     file order.
/// variables.tf declares region, name_prefix, then the inputs the model cannot give (MSK
/// cluster ARNs, JWT issuers, Cognito user pools, alarm actions); outputs.tf gives, by
/// component in file order, API URLs, function ARNs, queue URLs, topic ARNs, table and bucket
/// names. Names of Terraform resources come from LogicalNames::terraform; resources that belong
/// to a connection are named source_target (with a numeric suffix when taken).
///
/// IAM: one role per function with an inline least-privilege policy (one statement per resource,
/// each commented with why); "*" only for actions that accept no narrower resource
/// (kinesis:ListStreams and dynamodb:ListStreams, which aws-semantics §10.1 lists, and the MSK
/// network-interface ec2 actions), each with a comment. Function destinations are named by an
/// ARN spelled from the function's name, so that mutual destinations make no dependency cycle.
///
/// What the module cannot say as the project does is reported as warnings (the module is still
/// written). Ids shared with the SAM exporter keep its meanings:
///   EXPORT-001 unknown kind, or a connection the catalog does not allow: left out
///   EXPORT-004 Auth JWT on a REST API route (no JWT authorizer there): AWS_IAM instead
///   EXPORT-005 a FIFO queue as rule / schedule target: message group id = the rule's id
///   EXPORT-006 a second on-success / on-failure / dead-letter where AWS takes one: first kept
///   EXPORT-007 an Environment variable with the name given to an accessed resource
///   EXPORT-008 a setting AWS requires is missing (--force): placeholder used
///   EXPORT-009 a queue's KMS key IAM cannot grant here (alias or key id, or a service principal
///              sending to a customer-managed key: the key policy must allow it)
///   EXPORT-011 a schedule targeting an event bus: detail type and source assumed
///   EXPORT-012 a REST API without routes (API Gateway cannot deploy it): left out
///   EXPORT-101 Java / .NET / custom-runtime code: archive_file zips the folder unbuilt
///   EXPORT-102 a value Terraform rejects or cannot carry (record age 1-59 s, a non-text
///              environment value, ShardCount on an ON_DEMAND stream): left out
///   EXPORT-103 OnFailure / DeadLetterQueue naming no component of a usable kind: left out
class TerraformExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("terraform"); }
    QString displayName() const override { return QStringLiteral("Terraform module"); }
    bool isFolder() const override { return true; }
    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core
