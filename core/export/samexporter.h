// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#pragma once

#include "core/export/exporter.h"

namespace ew::core {

/// AWS SAM template (`template.yaml`, Transform AWS::Serverless-2016-10-31).
///
/// What each part of the model becomes:
/// - lambda-function: AWS::Serverless::Function with one `Events` entry per trigger connection
///   (Api, HttpApi, S3, SNS, SQS, Kinesis, DynamoDB, MSK, EventBridgeRule, ScheduleV2),
///   EventInvokeConfig (retries, event age, on-success / on-failure destinations),
///   DeadLetterQueue, reserved and provisioned concurrency (AutoPublishAlias `live`),
///   `Policies` for its access connections and stream / Kafka on-failure destinations (SAM policy
///   templates scoped to the resource, or inline statements with the least actions), and an
///   environment variable naming each resource it accesses (ORDERS_TABLE_NAME, JOBS_QUEUE_URL…).
///   SAM itself adds the poll permissions of SQS / Kinesis / DynamoDB / MSK events and the
///   permissions of EventInvokeConfig destinations and DeadLetterQueue, so those are not repeated.
/// - sqs-queue, sns-topic, s3-bucket, dynamodb-table, kinesis-stream, eventbridge-bus: their
///   CloudFormation resources with every property set in the model; queue redrive from sqs → sqs
///   dead-letter connections.
/// - apigateway-rest / apigateway-http: an explicit AWS::Serverless::Api / HttpApi when a stage,
///   CORS or an authorizer is set (or when several APIs of the kind exist), else SAM's implicit API.
/// - msk-cluster: a String parameter `<Cluster>Arn` (clusters are not created by the template).
/// - eventbridge-rule / eventbridge-schedule `target` connections: an AWS::Events::Rule or
///   AWS::Scheduler::Schedule with those targets and the queue / topic policies or IAM role that
///   let EventBridge deliver, scoped by aws:SourceArn or aws:SourceAccount.
/// - An SNS trigger with a DeadLetterQueue becomes an AWS::SNS::Subscription (with RedrivePolicy)
///   and an AWS::Lambda::Permission instead of an `SNS` event: SAM's translator accepts
///   RedrivePolicy but its published schema (which validators check) does not.
/// - options.alarms: CloudWatch alarms on every function's Errors, IteratorAge of functions with
///   Kinesis / DynamoDB triggers, ApproximateNumberOfMessagesVisible of every queue that receives
///   failures and ApproximateAgeOfOldestMessage of every queue that triggers a function.
/// - Outputs: API URLs, function ARNs, queue URLs, topic / stream / bus ARNs, bucket and table
///   names. Metadata.Eventwright.Layout keeps each component's id, kind, label and position by
///   logical id, so a re-import keeps the canvas.
///
/// Output is deterministic: resources, parameters and outputs are sorted by logical id; lists
/// follow the project's order. Intrinsic functions use their long form (`Ref:`, `Fn::GetAtt:`).
/// What SAM cannot express is reported as a warning with rule EXPORT-001…EXPORT-012 (see the
/// table at the top of samexporter.cpp).
class SamExporter final : public Exporter
{
public:
    QString id() const override { return QStringLiteral("sam"); }
    QString displayName() const override { return QStringLiteral("AWS SAM template"); }

    ExportResult exportDiagram(const DiagramData &data, const Catalog &catalog,
                               const ExportOptions &options = {}) const override;
};

} // namespace ew::core
