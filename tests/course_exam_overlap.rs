//! The course's exam must test, not repeat: none of its messages may be one the course already
//! practised (with the explanation shown), or the exam would measure memory.

#[test]
fn the_course_exam_shares_no_message_with_the_course_practice() {
    let pool = smishdrill::corpus::Corpus::embedded().scenarios;
    let course = smishdrill::course::embedded(&pool).expect("the bundled course is valid");
    let exam = smishdrill::deck::find(&course.exam, &pool).expect("the exam deck is valid");
    let seed = exam.seed.expect("the onboarding exam fixes its seed: everyone gets the same paper");
    let practised: Vec<usize> = course.steps.iter().flat_map(|s| s.practice.clone()).collect();
    let shared: Vec<&str> =
        exam.choose(&pool, seed).into_iter().filter(|i| practised.contains(i)).map(|i| pool[i].id.as_str()).collect();
    assert!(shared.is_empty(), "the exam repeats practised messages: {shared:?}");
}

#[test]
#[ignore = "prints the exam paper, for whoever edits the course"]
fn print_the_exam_paper() {
    let pool = smishdrill::corpus::Corpus::embedded().scenarios;
    let exam = smishdrill::deck::find("onboarding-exam", &pool).unwrap();
    for i in exam.choose(&pool, exam.seed.unwrap()) {
        println!("{} {:?}", pool[i].id, pool[i].verdict);
    }
}
