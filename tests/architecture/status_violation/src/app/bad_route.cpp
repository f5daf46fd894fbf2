// A route that picks its error status by hand: check_error_statuses.cmake must find it.
Response answer()
{
    return error_response(
        http::status::conflict, "picked by hand");
}
