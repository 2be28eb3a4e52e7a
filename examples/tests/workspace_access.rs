//! workspace-access against the fake Cloud: exact output, faults, 429s and the request budget.

mod support;

use std::time::Duration;

use bitbucket::RateLimit;
use bitbucket_examples::common::Format;
use bitbucket_examples::workspace_access::{AccessReport, scan, write_rows};
use bitbucket_fake::{PermissionTarget, Server};
use indicatif::ProgressBar;
use support::{cloud_builder, fast_retry, to_string};

fn csv(report: &AccessReport) -> String {
    to_string(|out| write_rows(&report.rows, Format::Csv, out).unwrap())
}

async fn run(server: &Server, client: bitbucket::cloud::Client, ws: &str) -> AccessReport {
    let _ = server;
    scan(&client, ws, 4, &ProgressBar::hidden())
        .await
        .expect("listings")
}

/// Member 0001 holds no explicit permission: one row with empty repository and permission.
const SMALL_CSV: &str = "\
account_id,display_name,repository,permission
557058:00000001-0000-4000-8000-000000000001,Member 0001,,
557058:00000001-0000-4000-8000-000000000002,Member 0002,repo-0001,read
557058:00000001-0000-4000-8000-000000000002,Member 0002,repo-0003,admin
557058:00000001-0000-4000-8000-000000000002,Member 0002,repo-0004,write
557058:00000001-0000-4000-8000-000000000003,Member 0003,repo-0001,admin
557058:00000001-0000-4000-8000-000000000004,Member 0004,repo-0001,admin
557058:00000001-0000-4000-8000-000000000005,Member 0005,repo-0003,write
";

#[tokio::test]
async fn exact_csv_for_a_small_seeded_workspace() {
    let server = Server::builder()
        .seed(4)
        .cloud_workspace("acme", 5, 4)
        .start()
        .await
        .unwrap();
    let client = cloud_builder(&server, fast_retry()).build().unwrap();
    let report = run(&server, client, "acme").await;
    let got = csv(&report);
    assert_eq!(got, SMALL_CSV);
    assert_eq!(report.members, 5);
    assert_eq!(report.repositories, 4);
    // Members page, repositories page, one permissions page per repository.
    assert_eq!(report.requests, 6);
}

/// Rows derived independently from the fake's state, in a workspace big enough to page.
#[tokio::test]
async fn rows_match_the_fake_state() {
    let server = Server::builder()
        .seed(8)
        .cloud_workspace("big-ws", 130, 260)
        .start()
        .await
        .unwrap();
    let client = cloud_builder(&server, fast_retry()).build().unwrap();
    let report = run(&server, client, "big-ws").await;
    let members = server.cloud_members("big-ws").unwrap();
    let name = |id: &str| {
        members
            .iter()
            .find(|m| m.account_id == id)
            .map(|m| m.display_name.clone())
            .unwrap()
    };
    let mut expected: Vec<(String, String, String, String)> = server
        .cloud_permissions("big-ws")
        .unwrap()
        .into_iter()
        .filter_map(|p| match p.target {
            PermissionTarget::Repository(slug) => Some((
                p.account_id.clone(),
                name(&p.account_id),
                slug,
                p.permission,
            )),
            PermissionTarget::Project(_) => None,
        })
        .collect();
    for m in &members {
        if !expected.iter().any(|e| e.0 == m.account_id) {
            expected.push((
                m.account_id.clone(),
                m.display_name.clone(),
                String::new(),
                String::new(),
            ));
        }
    }
    expected.sort();
    let got: Vec<_> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.account_id.clone(),
                r.display_name.clone(),
                r.repository.clone(),
                r.permission.clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(report.members, 130);
    assert_eq!(report.repositories, 260);
}

/// 5% 5xx faults, a burst of 429s, a server-side budget that runs out mid-scan and unstable
/// page order (items repeated across pages): the output is byte-identical to the clean run and
/// nothing fails.
#[tokio::test]
async fn output_with_faults_429s_and_a_spent_budget_is_identical() {
    let make = || Server::builder().seed(21).cloud_workspace("acme", 130, 250);
    let clean = make().start().await.unwrap();
    let expected = csv(&run(
        &clean,
        cloud_builder(&clean, fast_retry()).build().unwrap(),
        "acme",
    )
    .await);

    let faulty = make()
        .cloud_unstable_pages(5)
        .fault_rate(0.05, 17)
        .cloud_429_burst(5)
        .cloud_rate_limit(15, Duration::from_millis(100))
        .start()
        .await
        .unwrap();
    let patient = bitbucket::RetryPolicy::default()
        .max_attempts(20)
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(40))
        .jitter(false);
    let report = run(
        &faulty,
        cloud_builder(&faulty, patient).build().unwrap(),
        "acme",
    )
    .await;
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!(csv(&report), expected);
    assert_eq!((report.members, report.repositories), (130, 250));
    let stats = faulty.stats();
    assert!(stats.faults > 0, "{stats:?}");
    assert!(
        stats.rate_limited > 5,
        "budget exhausted at least once: {stats:?}"
    );
    assert_eq!(report.retries, stats.faults + stats.rate_limited);
}

/// A client-side budget matching the server's keeps the scan free of 429s.
#[tokio::test]
async fn client_budget_avoids_429s() {
    let server = Server::builder()
        .seed(2)
        .cloud_workspace("acme", 10, 60)
        .cloud_rate_limit(20, Duration::from_millis(100))
        .start()
        .await
        .unwrap();
    let client = cloud_builder(&server, fast_retry())
        .rate_limit(RateLimit::new(20, Duration::from_millis(100)).with_burst(1))
        .build()
        .unwrap();
    let report = run(&server, client, "acme").await;
    assert_eq!(report.repositories, 60);
    assert_eq!(server.rate_limited_count(), 0);
    assert_eq!(report.retries, 0);
    assert!(report.limiter_wait > Duration::ZERO);
}
